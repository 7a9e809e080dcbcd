"""French, Spanish and German texts of the second held-out set (same markup as texts_en.py)."""

TEXTS_FR = [
    ("email", "Bonjour {{PERSON|Maëlys}},\n\nle colis est à envoyer à :\n{{STREET_ADDRESS|14 rue des Tanneurs\n67000 Strasbourg\nFrance}}\n\nMerci,\n{{PERSON|Gaspard Lemoine}}"),
    ("forum", "Merci à {{PERSON|Bénédicte}} et à {{PERSON|Anatole Perrin}} pour leurs conseils sur le rempotage des orchidées."),
    ("chat", "salut c {{PERSON|clémence}}, t'es où ? on t'attend devant la gare avec {{PERSON|yanis}}"),
    ("crm", "nom;prénom;ville\n{{PERSON|Desrosiers}};{{PERSON|Héloïse}};{{LOCATION|Rimouski}}\n{{PERSON|Abadie}};{{PERSON|Florian}};{{LOCATION|Pau}}"),
    ("transcript", "Conseiller : Puis-je avoir votre nom ?\nClient : {{PERSON|Thibault Ravanel}}.\nConseiller : Merci monsieur {{PERSON|Ravanel}}."),
    ("address", "Adresse de livraison :\n{{PERSON|Odile Marchand}}\n{{STREET_ADDRESS|Résidence Les Pins, bât. C\n3 allée des Érables\n44300 Nantes}}"),
    ("prose", "Le fondateur de l'atelier, {{PERSON|Lucien Verdier}}, s'est installé à {{LOCATION|Annecy}} en 1994."),
    ("prose", "Installez le paquet avec pip puis lancez la démo Rich pour vérifier les couleurs du terminal sous Windows."),
    ("email", "Madame, Monsieur,\n\nvotre demande a bien été enregistrée sous le numéro 55120. Nous reviendrons vers vous sous 48 heures.\n\nLe service client"),
    ("address", "Siège : {{STREET_ADDRESS|27 boulevard Émile-Zola, 13100 Aix-en-Provence}}"),
    ("chat", "ok je passe chez {{PERSON|mathis}} ce soir, {{PERSON|inès}} vient aussi"),
    ("prose", "Les membres du jury : {{PERSON|Delacroix}}, {{PERSON|Fontaine}} et {{PERSON|Mercier}}."),
]

TEXTS_ES = [
    ("email", "Hola {{PERSON|Ximena}}:\n\nte mando la dirección para el envío:\n{{STREET_ADDRESS|Calle de Núñez de Balboa 48, 3.º izq.\n28001 Madrid}}\n\nUn abrazo,\n{{PERSON|Íñigo Arrieta}}"),
    ("forum", "Gracias a {{PERSON|Rocío Benavides}} por el tutorial, me funcionó a la primera en Linux."),
    ("chat", "oye {{PERSON|paco}} dile a {{PERSON|lucía}} que llegamos tarde, hay atasco en {{LOCATION|valencia}}"),
    ("crm", "cliente: {{PERSON|Eulalia Cifuentes}} | domicilio: {{STREET_ADDRESS|Avenida de la Constitución 12, 41004 Sevilla}} | estado: activo"),
    ("transcript", "Agente: ¿Me dice su nombre completo?\nCliente: {{PERSON|Baltasar Quintero Lozano}}.\nAgente: Gracias, señor {{PERSON|Quintero}}."),
    ("address", "Remitente:\n{{PERSON|Montserrat Vidal}}\n{{STREET_ADDRESS|Carrer de Provença 286, 2n 1a\n08008 Barcelona}}"),
    ("prose", "La fundadora, {{PERSON|Amparo Lezcano}}, abrió la primera tienda en {{LOCATION|Zaragoza}}."),
    ("prose", "Instale el paquete y ejecute la demostración de Rich para comprobar que los colores funcionan en Windows."),
    ("email", "Estimado cliente: su pedido 778120 ha sido enviado. Puede consultar el estado en su área personal."),
    ("address", "Vive en {{STREET_ADDRESS|Calle Prádena del Rincón 7, 28002 Madrid}} desde enero."),
    ("chat", "q tal {{PERSON|nerea}}, mañana vamos con {{PERSON|jorge}} al cine?"),
    ("prose", "Asistieron {{PERSON|Echeverría}}, {{PERSON|Santamaría}} y {{PERSON|Olmedo}}."),
]

TEXTS_DE = [
    ("email", "Hallo {{PERSON|Mareike}},\n\nbitte schick das Paket an:\n{{STREET_ADDRESS|Lindenstraße 47\n50674 Köln}}\n\nViele Grüße\n{{PERSON|Jannik Oberholzer}}"),
    ("forum", "Danke an {{PERSON|Wiebke Harms}} für die Anleitung, lief sofort unter Linux."),
    ("chat", "hey {{PERSON|lukas}}, kommst du heute mit {{PERSON|annika}} zum training?"),
    ("crm", "Kunde: {{PERSON|Volker Ebersbach}} | Anschrift: {{STREET_ADDRESS|Am Mühlbach 3, 83022 Rosenheim}} | Status: aktiv"),
    ("transcript", "Agent: Wie ist Ihr Name bitte?\nKunde: {{PERSON|Ottokar Brinkmann}}.\nAgent: Danke, Herr {{PERSON|Brinkmann}}."),
    ("address", "Empfänger:\n{{PERSON|Gesine Albers}}\n{{STREET_ADDRESS|Schanzenstraße 12a\n20357 Hamburg\nDeutschland}}"),
    ("address", "{{PERSON|Reto Gasser}}\n{{STREET_ADDRESS|Rue du Simplon 9\n1006 Lausanne\nSchweiz}}"),
    ("prose", "Die Gründerin, {{PERSON|Hedwig Sauerland}}, eröffnete die Werkstatt 1998 in {{LOCATION|Bamberg}}."),
    ("prose", "Installieren Sie das Paket und starten Sie die Rich-Demo, um die Farben im Terminal unter Windows zu prüfen."),
    ("email", "Sehr geehrte Damen und Herren, Ihre Bestellung 44120 wurde versandt. Den Status finden Sie in Ihrem Kundenkonto."),
    ("chat", "ok bin gleich da, {{PERSON|jonas}} bringt die getränke mit"),
    ("prose", "Anwesend waren {{PERSON|Hinrichs}}, {{PERSON|Wendland}} und {{PERSON|Pfeiffer}}."),
]
