"""French (spaCy model), Spanish and German (patterns and word lists only), and language: auto."""

from __future__ import annotations

import json

import pytest

from conftest import write_config
from pii_rails import PiiEngine, cli
from pii_rails.detection.predefined.language import detect_language

ENTITIES = [
    "PERSON", "EMAIL_ADDRESS", "PHONE_NUMBER", "CREDIT_CARD", "IBAN_CODE", "LOCATION", "STREET_ADDRESS",
    "DATE_OF_BIRTH", "PASSWORD", "PATIENT_ID", "MEDICAL_RECORD_NUMBER", "URL",
]  # fmt: skip


def found(engine, text, language=None):
    return [(s.entity_type, text[s.start : s.end]) for s in engine.detect(text, language=language)]


@pytest.fixture(scope="module")
def fr():
    return PiiEngine.from_dict({"language": "fr", "input": {"entities": [*ENTITIES, "FR_NIR"]}})


@pytest.fixture(scope="module")
def es():
    return PiiEngine.from_dict({"language": "es", "regex_only": True, "input": {"entities": [*ENTITIES, "ES_NIF"]}})


@pytest.fixture(scope="module")
def de():
    return PiiEngine.from_dict({"language": "de", "regex_only": True, "input": {"entities": ENTITIES}})


def test_french_uses_the_french_model(fr):
    assert fr.pipelines == {"fr": "fr_core_news_sm"}


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("Bonjour, je m'appelle Marie Curie et j'ai une question.", "PERSON", "Marie Curie"),
        ("Rappelez-moi au 06 12 34 56 78 avant midi.", "PHONE_NUMBER", "06 12 34 56 78"),
        ("Mon numéro : +33 1 42 68 53 00.", "PHONE_NUMBER", "+33 1 42 68 53 00"),
        ("Née le 3 mars 1985 à Lyon.", "DATE_OF_BIRTH", "3 mars 1985"),
        ("Nouvelle adresse : 12 bis rue de la Paix, 75002 Paris.", "STREET_ADDRESS", "12 bis rue de la Paix, 75002 Paris"),
        ("Numéro de sécurité sociale : 1 85 05 78 006 084 91", "FR_NIR", "1 85 05 78 006 084 91"),
        ("Mon IBAN : FR14 2004 1010 0505 0001 3M02 606", "IBAN_CODE", "FR14 2004 1010 0505 0001 3M02 606"),
        ("Écrivez à claire.dubois@orange.fr s'il vous plaît.", "EMAIL_ADDRESS", "claire.dubois@orange.fr"),
        ("Ancien mot de passe indiqué par l'utilisateur : glacier-pepper-falcon9", "PASSWORD", "glacier-pepper-falcon9"),
        ("Mon identifiant est PT-528726.", "PATIENT_ID", "PT-528726"),
        ("Je déménage de Bordeaux à Strasbourg.", "LOCATION", "Strasbourg"),
        ("Pour toute question : 0491234567.", "PHONE_NUMBER", "0491234567"),
        ("De : Mathilde Roussel <m.roussel@exemple.fr>\nObjet : devis", "PERSON", "Mathilde Roussel"),
        ("mon mdp c'est Automne2030$ depuis hier", "PASSWORD", "Automne2030$"),
        ("| Lit | N° de dossier | Date de naissance |\n|---|---|---|\n| 4 | 3381920 | 02/05/1949 |", "DATE_OF_BIRTH", "02/05/1949"),
    ],
)
def test_french_finds(fr, text, entity, value):
    assert (entity, value) in found(fr, text)


@pytest.mark.parametrize(
    "text",
    [
        "Quels sont vos horaires d'ouverture le dimanche ?",
        "Problème de livraison : le colis est arrivé abîmé.",
        "Ordonnance renouvelée pour trois mois.",
        "Votre commande 2023-186169 a été expédiée.",
        "Lit : 12\nService : cardiologie",
    ],
)
def test_french_leaves_alone(fr, text):
    assert found(fr, text) == []


def test_spanish_and_german_run_without_a_model(es, de):
    assert es.pipelines == {"es": "blank:es"} and de.pipelines == {"de": "blank:de"}


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("Hola, me llamo Juan Antonio Zurita.", "PERSON", "Juan Antonio Zurita"),
        ("La factura es para Macaria Badía, gracias.", "PERSON", "Macaria Badía"),
        ("Mi móvil es 612 345 678, llámame.", "PHONE_NUMBER", "612 345 678"),
        ("Teléfono: +34 91 123 45 67", "PHONE_NUMBER", "+34 91 123 45 67"),
        ("Fecha de nacimiento: 28/04/1963.", "DATE_OF_BIRTH", "28/04/1963"),
        ("Nací el 5 de marzo de 1990 en Sevilla.", "DATE_OF_BIRTH", "5 de marzo de 1990"),
        ("Envíelo a Calle Mayor 5, 3º A, 28013 Madrid.", "STREET_ADDRESS", "Calle Mayor 5, 3º A, 28013 Madrid"),
        ("Mi DNI es 12345678Z.", "ES_NIF", "12345678Z"),
        ("Me mudo de Valladolid a Chile.", "LOCATION", "Valladolid"),
        ("Contraseña anterior según el usuario: saffron-harbor-pepper0", "PASSWORD", "saffron-harbor-pepper0"),
        ("Tfno.: 612345678\nPedido: 300-1234", "PHONE_NUMBER", "612345678"),
        ("Domicilio: Calle Real, 14, 2.º B, 28013 Madrid", "STREET_ADDRESS", "Calle Real, 14, 2.º B, 28013 Madrid"),
    ],
)
def test_spanish_finds(es, text, entity, value):
    assert (entity, value) in found(es, text)


@pytest.mark.parametrize(
    "text",
    [
        "¿Cuál es el horario de apertura el domingo?",
        "Su pedido 2022-459871 ha sido enviado.",
        "La versión 3.6.157.138 es obligatoria.",
        "Se requiere el controlador 2.7.301.44 en todos los equipos.",
        "INFO agente 12.4.190.163 iniciado",
    ],
)
def test_spanish_leaves_alone(es, text):
    assert found(es, text) == []


@pytest.mark.parametrize(
    "text, entity, value",
    [
        ("Hallo, ich heiße Anna Schmidt.", "PERSON", "Anna Schmidt"),
        ("Bitte rufen Sie Marga Trubin zurück.", "PERSON", "Marga Trubin"),
        ("Meine Nummer ist 030 1234567.", "PHONE_NUMBER", "030 1234567"),
        ("Handy: +49 151 23456789", "PHONE_NUMBER", "+49 151 23456789"),
        ("Geboren am 13.05.1954 in Köln.", "DATE_OF_BIRTH", "13.05.1954"),
        ("Neue Anschrift: Hauptstraße 12a, 10115 Berlin.", "STREET_ADDRESS", "Hauptstraße 12a, 10115 Berlin"),
        ("Lieferung an Gina-Gierschner-Allee 14, 10115 Berlin.", "STREET_ADDRESS", "Gina-Gierschner-Allee 14, 10115 Berlin"),
        ("IBAN: DE89 3704 0044 0532 0130 00", "IBAN_CODE", "DE89 3704 0044 0532 0130 00"),
        ("Wir ziehen von München nach Norwegen.", "LOCATION", "Norwegen"),
        ("Altes Passwort laut Nutzer: jun1p3r@X74", "PASSWORD", "jun1p3r@X74"),
        ("Patient Sahin Schmidtke, Akte 61-00637.", "MEDICAL_RECORD_NUMBER", "61-00637"),
        ("Bitte ändern: Kennwort Herbst2031! danach löschen.", "PASSWORD", "Herbst2031"),
        ("Überweisung\nEmpfänger: Wiebke Albers\nBetrag: 20 EUR", "PERSON", "Wiebke Albers"),
        ("Wohnhaft Obere Bachgasse 7a, 93047 Regensburg.", "STREET_ADDRESS", "Obere Bachgasse 7a, 93047 Regensburg"),
        ("Neue Adresse: Hinter den Gärten 12, 79098 Freiburg.", "STREET_ADDRESS", "Hinter den Gärten 12, 79098 Freiburg"),
        ("| Zimmer | Fallnummer | Geburtsdatum |\n|---|---|---|\n| 3 | 7781204 | 12.03.1961 |", "DATE_OF_BIRTH", "12.03.1961"),
        ("| Zimmer | Fallnummer | Geburtsdatum |\n|---|---|---|\n| 3 | 7781204 | 12.03.1961 |", "MEDICAL_RECORD_NUMBER", "7781204"),
    ],
)
def test_german_finds(de, text, entity, value):
    assert (entity, value) in found(de, text)


@pytest.mark.parametrize(
    "text",
    [
        "Die Referenznummer 4700 9899 8982 9851 passt zu keiner Transaktion.",
        "Wie sind Ihre Öffnungszeiten am Sonntag?",
        "Im Frühling 2024 ziehen wir um.",
        "Ich bin Lehrer und wohne gern hier.",
        "Wie setze ich mein Passwort zurück?",
        "Modulversion: 14.2.133.201 ist installiert.",
        "Die Landstraße ist wegen Bauarbeiten gesperrt.",
    ],
)
def test_german_leaves_alone(de, text):
    assert found(de, text) == []


@pytest.mark.parametrize(
    "text, language",
    [
        ("Hello, I would like to update the address on my account.", "en"),
        ("Bonjour, je voudrais changer l'adresse de mon compte.", "fr"),
        ("Hola, quiero cambiar la dirección de mi cuenta, por favor.", "es"),
        ("Hallo, ich möchte die Adresse meines Kontos ändern.", "de"),
        ("jane@example.com", "en"),  # nothing to tell: the first configured language
    ],
)
def test_language_detection(text, language):
    assert detect_language(text, ["en", "fr", "es", "de"], "en") == language


@pytest.fixture(scope="module")
def auto():
    return PiiEngine.from_dict(
        {"language": "auto", "languages": ["en", "fr", "es", "de"], "input": {"entities": ["PERSON", "DATE_OF_BIRTH", "PHONE_NUMBER"]}}
    )


def test_auto_routes_each_text_to_its_language(auto):
    texts = [
        "Je suis née le 3 mars 1985, appelez le 06 12 34 56 78.",
        "Nací el 5 de marzo de 1990; mi móvil es 612 345 678.",
        "Ich bin am 13.05.1954 geboren, Telefon 030 1234567.",
        "I was born on 4 February 1988, call (212) 555-0199.",
    ]
    batched = auto.detect_many(texts)
    assert batched == [auto.detect(t) for t in texts]
    for text, spans in zip(texts, batched):
        assert [s.entity_type for s in spans] == ["DATE_OF_BIRTH", "PHONE_NUMBER"], text
    assert auto.pipelines["auto"] == "detect:en,fr,es,de"


def test_cli_takes_the_language_of_each_line(tmp_path):
    config = write_config(
        tmp_path,
        """
        models: []
        custom_data:
          pii_rails:
            languages: [fr, es, de]
            input:
              entities: [PHONE_NUMBER, DATE_OF_BIRTH, STREET_ADDRESS]
        """,
    )
    lines = [
        {"text": "Née le 3 mars 1985, tél. 06 12 34 56 78", "language": "fr"},
        {"text": "Calle Mayor 5, 28013 Madrid; fecha de nacimiento: 28/04/1963", "language": "es"},
        {"text": "Hauptstraße 12a, 10115 Berlin, geboren am 13.05.1954", "language": "de"},
    ]
    source = tmp_path / "in.jsonl"
    source.write_text("\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["scan", "--config", str(config), "-q", str(source), "-o", str(out)]) == 0
    results = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [sorted(e["entity_type"] for e in r["entities"]) for r in results] == [
        ["DATE_OF_BIRTH", "PHONE_NUMBER"],
        ["DATE_OF_BIRTH", "STREET_ADDRESS"],
        ["DATE_OF_BIRTH", "STREET_ADDRESS"],
    ]
