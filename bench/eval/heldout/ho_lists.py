"""Hand-written value lists of the held-out corpus: names, places, domains, organizations, products.

Nothing here comes from Faker or from the main corpus's lists (``bench/eval/build_corpus.py``):
names are grouped by naming culture so that one person gets a given name and a family name
of the same tradition (and, for cultures that write the family name first, that order).
Every person, street and organization is invented; the combinations are drawn at random.
"""

# culture -> (given names, family names, name order: "w" given-first, "e" family-first)
CULTURES = {
    "anglo": (
        ["Thaddeus", "Wren", "Ambrose", "Linnea", "Corbin", "Marigold", "Barnaby", "Imogen", "Ellery", "Tamsin",
         "Rowan", "Hollis", "Delphine", "Jasper", "Beatrix", "Rufus"],
        ["Ashdown", "Blackwood", "Pemberton", "Whitlock", "Fairweather", "Huxtable", "Lockhart", "Thistlewood",
         "Hargreaves", "Penhaligon", "Culpepper", "Wainwright", "Featherstone-Haugh"],
        "w",
    ),
    "gaelic": (
        ["Siobhán", "Niamh", "Oisín", "Ruairí", "Caoimhe", "Eilidh", "Tadhg", "Ciarán", "Aoife", "Pádraig", "Mairead"],
        ["O'Connell", "O'Brien", "O'Sullivan", "McAllister", "MacLeod", "Ó Briain", "Ní Bhriain", "Fitzgerald",
         "Mac Giolla", "O'Driscoll", "McGillicuddy"],
        "w",
    ),
    "french": (
        ["Ysaline", "Gwenaël", "Enguerrand", "Solène", "Aurélien", "Bénédicte", "Tanguy", "Maëlle", "Jean-Baptiste",
         "Marie-Hélène", "Clotilde", "Anatole"],
        ["Le Bihan", "Quéméner", "de Villepreux", "Lefèvre-Giraud", "d'Ornano", "Kerjean", "Abgrall", "Le Goff",
         "Dumontet", "de La Tour d'Artaise", "Ribeyrolles"],
        "w",
    ),
    "spanish": (
        ["Itziar", "Ainhoa", "Iker", "Xabier", "Begoña", "Nerea", "Rocío", "Maximiliano", "María José", "Fermín",
         "Covadonga", "Yolanda"],
        ["García-Márquez", "de la Fuente", "Etxeberria", "Goikoetxea", "Villaseñor", "Zubizarreta", "del Olmo",
         "Arrieta-Oyarzun", "Peñalosa", "Ibáñez de Opacua", "Quintanilla"],
        "w",
    ),
    "german": (
        ["Wiebke", "Hannelore", "Jörg", "Friedhelm", "Ulrike", "Reinhold", "Gesine", "Kai-Uwe", "Dörte", "Eckhard",
         "Liesel", "Volkmar"],
        ["von Bredow", "Brückner", "Oberhuber", "Fässler", "Zimmerli", "von der Heydt", "Großkopf", "Nüßlein",
         "Schwarzkopf-Lindner", "Eichhorst", "Wehrmeister"],
        "w",
    ),
    "dutch": (
        ["Joris", "Femke", "Sjoerd", "Marieke", "Wouter", "Anouk", "Thijs", "Lieke"],
        ["van der Berg", "de Vries", "van Dijk", "Verhoeven", "van den Broek", "Hoekstra", "ter Horst", "Bleeker"],
        "w",
    ),
    "italian": (
        ["Gianluca", "Ludovica", "Ettore", "Ornella", "Corrado", "Benedetta"],
        ["D'Angelo", "Di Stefano", "Lo Bianco", "Dell'Acqua", "La Torre", "Scarpellini"],
        "w",
    ),
    "lusophone": (
        ["João", "Thiago", "Luana", "Iara", "Gonçalo", "Conceição"],
        ["Gonçalves", "dos Santos", "Magalhães", "Albuquerque", "da Silva Pereira", "Assunção"],
        "w",
    ),
    "slavic_w": (
        ["Wojciech", "Małgorzata", "Przemysław", "Zdzisław", "Bożena", "Jiří", "Radka", "Vojtěch"],
        ["Wiśniewska", "Szczepański", "Grzybowski", "Dvořák", "Procházková", "Brzęczyszczykiewicz", "Kowalczyk"],
        "w",
    ),
    "slavic_e": (
        ["Dmitri", "Yevgenia", "Oleksandr", "Svitlana", "Bohdan", "Anastasiya"],
        ["Petrov", "Kuznetsova", "Shevchenko", "Bondarenko", "Tkachuk", "Voloshyn"],
        "w",
    ),
    "balkan": (
        ["Dragana", "Nikola", "Jelena", "Goran", "Snežana"],
        ["Kovačević", "Petrović", "Jurić", "Babić", "Marjanović"],
        "w",
    ),
    "greek": (
        ["Eleftheria", "Dimitrios", "Konstantina", "Spyros", "Xanthippi"],
        ["Papadopoulos", "Georgiou", "Alexandrou", "Theodorakopoulou", "Kyriakidis"],
        "w",
    ),
    "turkish": (
        ["Emre", "Zeynep", "Büşra", "Oğuz", "Çağla", "Mehmet Ali"],
        ["Yılmaz", "Öztürk", "Çelik", "Aydın", "Şahin", "Karaağaç"],
        "w",
    ),
    "arabic": (
        ["Youssef", "Fatima-Zahra", "Khalid", "Noura", "Abdelkader", "Rania", "Layla", "Hamza"],
        ["Al-Hashimi", "El Amrani", "Benali", "Haddad", "Al-Farsi", "Belkacem", "Abu-Ghazaleh", "Ait Ouarab"],
        "w",
    ),
    "persian": (
        ["Arash", "Shirin", "Dariush", "Golnaz", "Kourosh"],
        ["Tehrani", "Rahimi", "Farahani", "Karimi-Nejad", "Mostofi"],
        "w",
    ),
    "hebrew": (
        ["Noa", "Yonatan", "Shira", "Eitan"],
        ["Ben-David", "Rosenthal", "Mizrahi", "Levinson"],
        "w",
    ),
    "south_asian": (
        ["Anirudh", "Lakshmi", "Venkatesh", "Harpreet", "Gurpreet", "Sanjana", "Farhana", "Tanvir", "Nusrat",
         "Meenakshi"],
        ["Subramanian", "Venkataraman", "Chakraborty", "Bhattacharya", "Raghunathan", "Siddiqui", "Chaudhry",
         "Thiruvengadam", "Hossain", "Qureshi"],
        "w",
    ),
    "chinese": (
        ["Wei", "Xiaoling", "Zhiwei", "Meiling", "Jianguo", "Yuxuan"],
        ["Zhang", "Liu", "Huang", "Zhou", "Xu", "Guo"],
        "e",
    ),
    "japanese": (
        ["Haruto", "Yui", "Takeshi", "Aiko", "Ren", "Sakura"],
        ["Takahashi", "Watanabe", "Yamaguchi", "Nakamura", "Fujiwara", "Kobayashi"],
        "w",
    ),
    "korean": (
        ["Ji-woo", "Min-jun", "Seo-yeon", "Hyun-woo", "Eun-ji"],
        ["Park", "Choi", "Jeong", "Kang", "Yoon"],
        "e",
    ),
    "vietnamese": (
        ["Thi Lan", "Van Minh", "Thi Hoa", "Duc Anh", "Thanh Huong", "Quoc Bao"],
        ["Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu"],
        "e",
    ),
    "filipino": (
        ["Maricel", "Jericho", "Rowena", "Bayani"],
        ["dela Cruz", "Bautista", "Mangubat", "Dimaculangan"],
        "w",
    ),
    "indonesian": (
        ["Putri", "Budi", "Ayu", "Agus"],
        ["Wijaya", "Santoso", "Hidayat", "Kusumawardani"],
        "w",
    ),
    "thai": (
        ["Somchai", "Kanokwan", "Nattapong"],
        ["Srisuk", "Chaiyaporn", "Wongsawat"],
        "w",
    ),
    "west_african": (
        ["Olúwaseun", "Chukwuemeka", "Ngozi", "Folake", "Babatunde", "Amaka", "Ifeoluwa", "Aminu", "Kwame",
         "Akosua", "Kofi", "Ama", "Mariama", "Ousmane"],
        ["Adébáyọ̀", "Okonkwo", "Nwosu", "Oyelaran", "Balogun", "Eze", "Abubakar", "Ogundipe", "Mensah",
         "Boateng", "Asante", "Owusu", "Diallo", "Ndiaye"],
        "w",
    ),
    "east_african": (
        ["Wanjiru", "Otieno", "Achieng", "Kiprono", "Tesfaye", "Abebe", "Hodan"],
        ["Kamau", "Odhiambo", "Mwangi", "Gebremedhin", "Haile-Mariam", "Warsame", "Chebet"],
        "w",
    ),
    "nordic": (
        ["Sigríður", "Ástrós", "Leifur", "Bjørn", "Solveig", "Eero", "Aino", "Ingvild"],
        ["Sigurðardóttir", "Guðmundsson", "Lindqvist", "Haugland", "Virtanen", "Mäkelä", "Kristiansen"],
        "w",
    ),
    "hungarian": (
        ["Zsófia", "Gergely", "Csaba", "Réka"],
        ["Szabó", "Kovács", "Horváth", "Bánfalvi"],
        "w",
    ),
    "pacific": (
        ["Aroha", "Wiremu", "Mere", "Tane", "Losaline"],
        ["Ngata", "Parata", "Te Whare", "Faleolo", "Tupou"],
        "w",
    ),
}

# Which cultures a text of each language draws its people from (weights).
LANG_CULTURES = {
    "en": {c: 1 for c in CULTURES} | {"anglo": 4, "gaelic": 2, "south_asian": 2, "west_african": 2, "chinese": 1.5},
    "fr": {"french": 5, "arabic": 3, "west_african": 2, "vietnamese": 1.5, "lusophone": 1, "italian": 1, "gaelic": 0.5,
           "spanish": 0.5, "turkish": 0.5, "chinese": 0.5, "east_african": 0.5},
    "es": {"spanish": 6, "lusophone": 1.5, "arabic": 1.5, "chinese": 0.7, "italian": 0.7, "filipino": 1,
           "slavic_e": 0.7, "french": 0.5, "west_african": 0.7, "dutch": 0.4},
    "de": {"german": 6, "turkish": 2, "slavic_w": 1.5, "slavic_e": 1, "balkan": 1.5, "greek": 1, "italian": 0.7,
           "persian": 0.7, "arabic": 0.7, "dutch": 0.7, "nordic": 0.5, "hungarian": 0.5, "vietnamese": 0.5},
}

# ------------------------------------------------------------------ places

US_CITIES = [  # (city, state, ZIP prefix)
    ("Tulsa", "OK", "741"), ("Spokane", "WA", "992"), ("Boise", "ID", "837"), ("Albuquerque", "NM", "871"),
    ("Savannah", "GA", "314"), ("Duluth", "MN", "558"), ("Providence", "RI", "029"), ("Omaha", "NE", "681"),
    ("Anchorage", "AK", "995"), ("Honolulu", "HI", "968"), ("Fort Wayne", "IN", "468"), ("Baton Rouge", "LA", "708"),
    ("Des Moines", "IA", "503"), ("Little Rock", "AR", "722"), ("Burlington", "VT", "054"), ("Tucson", "AZ", "857"),
    ("El Paso", "TX", "799"), ("Wichita", "KS", "672"), ("Asheville", "NC", "288"), ("Lexington", "KY", "405"),
]
UK_CITIES = [  # (town, postcode area)
    ("Aberdeen", "AB"), ("Swansea", "SA"), ("Brighton", "BN"), ("Leicester", "LE"), ("Coventry", "CV"),
    ("Norwich", "NR"), ("Exeter", "EX"), ("Inverness", "IV"), ("Derby", "DE"), ("Plymouth", "PL"),
    ("Dundee", "DD"), ("Bath", "BA"), ("York", "YO"), ("Oxford", "OX"),
]
WORLD_CITIES_EN = [
    "Lagos", "Accra", "Karachi", "Dhaka", "Hanoi", "Manila", "Lima", "Bogotá", "Quito", "Montevideo", "Reykjavík",
    "Tallinn", "Vilnius", "Wrocław", "Gdańsk", "Cork", "Galway", "Hobart", "Adelaide", "Wellington", "Christchurch",
    "Halifax", "Winnipeg", "Ottawa", "Calgary", "Kraków", "Chiang Mai", "Porto Alegre", "Kigali", "Addis Ababa",
    "Casablanca", "Tbilisi", "Yerevan", "Almaty", "Ho Chi Minh City", "Kuala Lumpur", "Osaka", "Busan",
]
COUNTRIES_EN = [
    "Ghana", "Peru", "Uruguay", "Iceland", "Estonia", "Lithuania", "Bangladesh", "Pakistan", "Morocco", "Tunisia",
    "Senegal", "Ethiopia", "Colombia", "Ecuador", "Croatia", "Slovenia", "Finland", "Denmark", "Austria",
    "Switzerland", "Indonesia", "Malaysia", "Thailand", "Sri Lanka", "Nepal", "Mongolia", "Kazakhstan", "Jamaica",
    "Rwanda", "Uganda", "South Korea", "Vietnam", "Nigeria", "Belgium",
]
FR_CITIES = [
    ("Besançon", "25000"), ("Perpignan", "66000"), ("Clermont-Ferrand", "63000"), ("Limoges", "87000"),
    ("Poitiers", "86000"), ("Aix-en-Provence", "13100"), ("Saint-Étienne", "42000"), ("Le Havre", "76600"),
    ("Caen", "14000"), ("Rouen", "76000"), ("Metz", "57000"), ("Tours", "37000"), ("Orléans", "45000"),
    ("Pau", "64000"), ("La Rochelle", "17000"), ("Annecy", "74000"), ("Avignon", "84000"), ("Quimper", "29000"),
    ("Chambéry", "73000"), ("Colmar", "68000"),
]
COUNTRIES_FR = ["Sénégal", "Maroc", "Canada", "Japon", "Vietnam", "Brésil", "Tunisie", "Luxembourg", "Pays-Bas",
                "Roumanie", "Côte d'Ivoire", "Algérie", "Portugal", "Cameroun"]
ES_CITIES = [
    ("Cádiz", "11001"), ("Vigo", "36201"), ("A Coruña", "15001"), ("Pamplona", "31001"), ("San Sebastián", "20003"),
    ("Logroño", "26001"), ("Huelva", "21001"), ("Almería", "04001"), ("Jaén", "23001"), ("Toledo", "45001"),
    ("Cáceres", "10001"), ("Badajoz", "06001"), ("Burgos", "09001"), ("León", "24001"), ("Gijón", "33201"),
    ("Tarragona", "43001"), ("Girona", "17001"), ("Lleida", "25001"), ("Castellón de la Plana", "12001"),
    ("Palma", "07001"),
]
COUNTRIES_ES = ["Ecuador", "Uruguay", "Venezuela", "Bolivia", "Paraguay", "Cuba", "Guatemala", "Honduras",
                "Costa Rica", "Panamá", "Japón", "Suecia", "Rumanía", "Marruecos", "Filipinas"]
DE_CITIES = [
    ("Kiel", "24103"), ("Lübeck", "23552"), ("Rostock", "18055"), ("Potsdam", "14467"), ("Erfurt", "99084"),
    ("Jena", "07743"), ("Kassel", "34117"), ("Würzburg", "97070"), ("Regensburg", "93047"), ("Augsburg", "86150"),
    ("Ulm", "89073"), ("Heidelberg", "69117"), ("Karlsruhe", "76133"), ("Mainz", "55116"), ("Wiesbaden", "65183"),
    ("Saarbrücken", "66111"), ("Münster", "48143"), ("Bielefeld", "33602"), ("Osnabrück", "49074"),
    ("Göttingen", "37073"),
]
COUNTRIES_DE = ["Ungarn", "Tschechien", "Griechenland", "Norwegen", "Kroatien", "Dänemark", "Belgien", "Kanada",
                "Brasilien", "Indien", "Vietnam", "Finnland", "Irland", "Mexiko", "Südafrika"]

US_STREETS = [
    "Larkspur Lane", "Old Mill Road", "Wexford Court", "Sycamore Bend", "Tamarack Trail", "Ridgeview Terrace",
    "Cobblestone Way", "Heron Point Drive", "Quail Hollow Circle", "Birchwood Avenue", "Foxglove Street",
    "Copperfield Boulevard", "Juniper Ridge Road", "Saddlebrook Place", "Cedar Knoll Drive", "Willow Creek Parkway",
    "Harvest Moon Lane", "Stonegate Court", "N Ashland Ave", "W 84th St", "E Commerce St", "SE Hawthorne Blvd",
    "Kingfisher Loop", "Bramble Hill Rd",
]
UK_STREETS = [
    "Ashgrove Terrace", "Kingfisher Close", "Mulberry Gardens", "Priory Walk", "Tanners Row", "Chapel Mews",
    "Orchard Rise", "Beechwood Crescent", "Hawthorn Grove", "Quarry Lane", "Abbots Way", "Millstream Road",
    "Lavender Hill", "St Aidan's Square",
]
FR_STREETS = [
    "rue des Tanneurs", "avenue Jean-Jaurès", "boulevard de la Liberté", "impasse des Lilas", "allée des Cerisiers",
    "chemin du Moulin", "place du Marché", "quai de la Fosse", "rue Sainte-Catherine", "rue du Général-Leclerc",
    "avenue des Acacias", "rue de la Mare aux Loups", "cours Lafayette", "route de Vannes", "square des Tilleuls",
]
ES_STREETS = [
    "Calle del Almendro", "Avenida de Andalucía", "Plaza de San Juan", "C/ Mayor", "Ronda de Poniente",
    "Travesía del Pozo", "Camino Viejo", "Calle de los Herreros", "Paseo del Espolón", "Calle Sierra Nevada",
    "Avenida Reina Victoria", "Calle Doctor Fleming", "Carrer de la Riera", "Rúa do Franco",
]
DE_STREETS = [
    "Lindenallee", "Am Mühlbach", "Bahnhofstr.", "Kirchgasse", "Schillerplatz", "Zum Sportplatz",
    "An der Alten Ziegelei", "Ludwig-Erhard-Ring", "Hinter den Höfen", "Rosenweg", "Eichendorffstraße",
    "Im Wiesengrund", "Kastanienallee", "Alte Landstraße", "Gartenstraße",
]

# ------------------------------------------------------------------ e-mail and web

MAIL_DOMAINS = {
    "en": ["gmail.com", "outlook.com", "fastmail.com", "icloud.com", "yahoo.co.uk", "brightwater-foods.com",
           "harbourline.co.uk", "fenwick-row.org", "tallgrass.io", "quenby.me", "northgate.edu", "lumenfreight.net",
           "saltmarsh-dental.com", "oakhaven-clinic.org", "ironbridge.co.uk", "copperleaf.io"],
    "fr": ["orange.fr", "free.fr", "laposte.net", "gmail.com", "cabinet-roussel.fr", "menuiserie-gallet.fr",
           "hotmail.fr", "assurances-vidal.com", "lycee-montgolfier.fr"],
    "es": ["gmail.com", "hotmail.es", "ferreteria-olmos.es", "asesoria-lira.com", "yahoo.es", "clinica-arrabal.es",
           "bodegas-urquiza.com", "movistar.es"],
    "de": ["web.de", "gmx.de", "tischlerei-haas.de", "kanzlei-brandt.de", "t-online.de", "praxis-wendt.de",
           "posteo.de", "autohaus-kremer.de"],
}
ROLE_MAILBOXES = {
    "en": ["accounts", "billing", "support", "hr", "frontdesk", "noc", "privacy", "careers"],
    "fr": ["compta", "contact", "accueil", "sav", "rh"],
    "es": ["facturacion", "contacto", "soporte", "rrhh", "citas"],
    "de": ["buchhaltung", "kontakt", "service", "personal", "termine"],
}
WEB_DOMAINS = {
    "en": ["brightwater-foods.com", "harbourline.co.uk", "fenwick-row.org", "tallgrass.io", "lumenfreight.net",
           "oakhaven-clinic.org", "copperleaf.io"],
    "fr": ["cabinet-roussel.fr", "menuiserie-gallet.fr", "assurances-vidal.com", "lycee-montgolfier.fr"],
    "es": ["ferreteria-olmos.es", "asesoria-lira.com", "clinica-arrabal.es", "bodegas-urquiza.com"],
    "de": ["tischlerei-haas.de", "kanzlei-brandt.de", "praxis-wendt.de", "autohaus-kremer.de"],
}

# ------------------------------------------------------------------ not PII

COMPANIES = {
    "en": ["Brightwater Foods", "Harbourline Logistics", "Tallgrass Software", "Lumen Freight", "Copperleaf Systems",
           "Oakhaven Clinic", "Ironbridge Capital", "Saltmarsh Dental", "Greyfield Analytics", "Northgate Partners"],
    "fr": ["Menuiserie Gallet", "Assurances Vidal", "Cabinet Roussel", "Transports Marchal", "Boulangerie du Port"],
    "es": ["Ferretería Olmos", "Asesoría Lira", "Bodegas Urquiza", "Clínica Arrabal", "Talleres Ordóñez"],
    "de": ["Tischlerei Haas", "Kanzlei Brandt", "Autohaus Kremer", "Praxis Wendt", "Spedition Albers"],
}
PRODUCTS = [
    "Galaxy Tab S9", "ThinkPad X1 Carbon", "Surface Pro 9", "Kindle Paperwhite", "Pixel 8a", "iPad Air",
    "Apple Watch Ultra", "Fire TV Stick", "Raspberry Pi 5", "Steam Deck", "Nintendo Switch", "Jira Cloud",
    "Visual Studio Code", "PostgreSQL 16", "Windows 11 Pro", "macOS Sonoma", "Ubuntu 24.04 LTS", "Office 365",
    "Tesla Model Y", "Dyson V15", "Roomba j7", "Sonos Era 100",
]
PASSWORD_WORDS = [
    "marmalade", "zeppelin", "tundra", "pistachio", "origami", "cinnamon", "kayak", "nimbus", "trombone", "lagoon",
    "paprika", "walrus", "obsidian", "gazebo", "mosaic", "cactus", "sprocket", "hazelnut", "pelican", "vortex",
]
SEASONS = ["Summer", "Winter", "Autumn", "Spring", "Sommer", "Invierno", "Printemps"]
