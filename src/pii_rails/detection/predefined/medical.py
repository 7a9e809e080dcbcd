"""Health identifiers that only a keyword makes recognizable (PHI).

A medical record number or a patient id has no fixed format: any hospital
numbers its records its own way. What identifies one is the text naming it
("MRN 00482913", "patient ID: PT-55120", "n° de dossier 2023-0042"). These
recognizers report the identifier after such a keyword, never the keyword.
"""

from __future__ import annotations

import re

import regex
from presidio_analyzer import EntityRecognizer, Pattern

from pii_rails.detection.predefined.base import ContextPatternRecognizer, table_cells

# An identifier: letters, digits and separators, with at least four digits in it.
_ID = (
    r"(?P<value>(?=(?:[A-Za-z./-]*\d){4})[A-Za-z0-9](?:[A-Za-z0-9]|[./-](?=[A-Za-z0-9])){3,24})(?![\w-])"
)
_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}")
# Between keyword and value: "number", "no.", "#", ":" and the like.
_SEP = r"(?:\s*(?i:number|num|no|nr|n°|nº|no\.|nr\.|#|id|code|número|numéro|nummer))?\.?\s*(?:[:#=]|is|est|es|ist)?\s*"


def not_an_id(value: str) -> bool:
    """A year ("record 2023") or a date ("patient seen 2023-05-01") is not an identifier."""
    if value.isdigit() and len(value) == 4 and value[:2] in ("19", "20"):
        return True
    return bool(_DATE.fullmatch(value))


def _keywords(*phrases: str) -> str:
    return r"(?i:\b(?:" + "|".join(phrases) + r"))"


class MedicalRecordNumberRecognizer(ContextPatternRecognizer):
    """Medical record numbers: the id after "MRN", "medical record", "chart", "dossier médical", "historia clínica", "Patientenakte"..."""

    ENTITY = "MEDICAL_RECORD_NUMBER"
    PATTERNS = [
        Pattern(
            "mrn_keyword",
            _keywords(
                r"mrn",
                r"medical[ -]record(?:s)?",
                r"med(?:ical)?\.? rec(?:ord)?\.?",
                r"health[ -]record",
                r"chart",
                r"record",
                r"dossier(?: m[ée]dical| patient)?",
                r"num[ée]ro de dossier",
                r"n° de dossier",
                r"historia(?: cl[íi]nica)?",
                r"expediente(?: m[ée]dico| cl[íi]nico)?",
                r"n[úu]mero de historia",
                r"patientenakte",
                r"akte",
                r"krankenakte",
                r"akten(?:zeichen|nummer)",
                r"fallnummer",
                r"cartella clinica",
            )
            + _SEP
            + _ID,
            0.7,
        ),
    ]
    CONTEXT = {}

    def invalidate_result(self, pattern_text):  # noqa: D102
        return not_an_id(pattern_text)

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # noqa: D102
        results = super().analyze(text, entities, nlp_artifacts, regex_flags)
        # An identifier in a table column headed "MRN", "Chart #", "N° de dossier", "Fallnummer"...
        column = Pattern("column_id", _ID, 0.7)
        for start, end in table_cells(text, _MRN_HEADER):
            if regex.fullmatch(_ID, text[start:end]):
                result = self.score_match(text, text[start:end], start, end, column)
                if result is not None:
                    results.append(result)
        return EntityRecognizer.remove_duplicates(results)


_MRN_HEADER = regex.compile(
    r"(?:mrn|medical record|med\.? rec\.?|health record|chart|record|dossier(?: medical| patient)?|n[°o]\.? (?:de )?dossier"
    r"|numero de dossier|historia(?: clinica)?|n\.?[°o]\.? (?:de )?historia(?: clinica)?|expediente|patientenakte|akte"
    r"|fallnummer|fall-?nr\.?|aktenzeichen|cartella clinica)(?:[ .]*(?:#|no\.?|nr\.?|number|n°|id|numero|nummer))?"
)


class PatientIdRecognizer(ContextPatternRecognizer):
    """Patient identifiers: the id after "patient ID", "patient number", "n° patient", "ID de paciente", "Patienten-ID"..."""

    ENTITY = "PATIENT_ID"
    PATTERNS = [
        Pattern(
            "patient_id_keyword",
            _keywords(
                r"patient(?:'s)?[ -]?(?:id|identifier|number|no\.?|#|num)",
                r"pt[ .-]?id",
                r"patient",
                r"member[ -]?id",
                r"identifiant(?: du)? patient",
                r"(?:num[ée]ro|n°|id)(?: de| du)? patient",
                r"id(?:entificador)? (?:de|del) paciente",
                r"(?:n[úu]mero|n°|nº) de paciente",
                r"paciente",
                r"patienten[ -]?(?:id|nummer|nr\.?|kennung)",
                r"codice paziente",
                r"(?:mon |son |votre )?identifiant(?: patient)?",
                r"identificador(?: de paciente)?",
                r"patientenkennung|patienten-kennung|kennung",
            )
            + _SEP
            + _ID,
            0.7,
        ),
        # Identifiers whose own prefix says "patient": PT-528726, PID-92227, PAT 00123.
        # "PID 3381" with a space is a process id in a log line; a patient id is written PID-92227 or PID92227.
        Pattern("patient_id_prefix", r"(?<![\w-])(?P<value>(?:(?:PT|PAT|PTN)[- ]?|PID-?)\d{4,10})(?![\w-])", 0.6),
    ]
    CONTEXT = {}

    def invalidate_result(self, pattern_text):  # noqa: D102
        return not_an_id(pattern_text)
