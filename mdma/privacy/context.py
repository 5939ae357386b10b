"""The words around a name that say "a person" (or "not a person"), in Dutch, French and English.

All folded (lower case, no accents). Used by `names`; kept apart so the rules read as rules.
"""

import re

#: Titles that may stand with a full stop before the name (mevr. Peeters); "dokter." ends a sentence.
ABBREVIATIONS = {
    "mevr", "mw", "dhr", "mnr", "mr", "mrs", "ms", "mme", "mlle", "dr", "prof", "m", "fam", "me",
}  # fmt: skip

FORMAL_TITLES = {
    "mevrouw", "mevr", "mw", "meneer", "mijnheer", "mnr", "dhr", "heer", "juffrouw", "madame",
    "mme", "mlle", "mademoiselle", "monsieur", "mr", "mrs", "ms", "miss", "mister", "sir",
    "dr", "dokter", "docteur", "doctor", "prof", "juf", "meester", "maitre", "me", "madam",
}  # fmt: skip
#: Kinship and the roles a person has in a case note: what follows is often a name.
KIN_TITLES = {
    "mama", "mam", "moeder", "papa", "vader", "oma", "opa", "tante", "nonkel", "oom", "zoon",
    "zoontje", "dochter", "dochtertje", "broer", "broertje", "zus", "zusje", "zuster", "neef",
    "nicht", "nichtje", "neefje", "baby", "kindje", "kleinzoon", "kleindochter", "schoonmoeder",
    "schoonvader", "schoonzus", "schoonbroer", "stiefzoon", "stiefdochter", "pleegkind",
    "pleegzoon", "pleegdochter", "grootmoeder", "grootvader", "stiefvader", "stiefmoeder",
    "pleegmoeder", "pleegvader", "meter", "peter", "tweelingbroer", "tweelingzus", "ex",
    "ex-partner", "ex-man", "ex-vrouw", "exman", "exvrouw", "maman", "fils", "fille", "frere",
    "soeur", "oncle", "cousin", "cousine", "grand-mere", "grand-pere", "petit-fils",
    "petite-fille", "belle-mere", "beau-pere", "bebe", "mother", "father", "mom", "mum", "dad",
    "son", "daughter", "brother", "sister", "uncle", "aunt", "grandmother", "grandfather",
    "grandson", "granddaughter", "client", "cliente", "clienten", "patient", "patiente",
    "partner", "echtgenoot", "echtgenote", "vriend", "vriendin", "husband", "wife", "mari",
    "epoux", "epouse", "compagnon", "compagne", "jongen", "meisje", "kleuter", "peuter",
    "leerling", "bewoner", "bewoonster", "huurder", "huurster", "aanvrager", "aanvraagster",
    "mevrouwtje", "tweeling", "kinderen", "children", "enfants", "zonen", "dochters",
    "jongens", "meisjes", "kids", "sons", "daughters", "vrouw",
}  # fmt: skip
#: The people around a family: a name after them only when it looks like one.
ROLE_TITLES = {
    "buurman", "buurvrouw", "huisbaas", "verhuurder", "verhuurster", "advocaat", "advocate",
    "avocat", "avocate", "lawyer", "leerkracht", "kinesist", "tolk", "voogd", "bewindvoerder",
    "collega", "colleague", "collegue", "voisin", "voisine", "neighbour", "neighbor", "landlord",
    "proprietaire", "teacher", "instituteur", "institutrice", "directeur", "directrice",
    "begeleider", "begeleidster", "mentor", "consulent", "consulente", "assistant",
    "assistante", "kine", "vroedvrouw", "sage-femme", "huisarts", "pediater", "psycholoog",
    "psychologe", "wijkagent", "jeugdrechter", "rechter", "onthaalmoeder",
    "kinderverzorgster", "opvoeder", "opvoedster", "coach", "trajectbegeleider", "casemanager",
    "gezinsondersteuner", "jobcoach", "klant", "eigenaar", "eigenares", "schooldirecteur",
    "zorgcoordinator", "maatschappelijk werker", "werker", "werkster", "verpleegster",
    "verpleegkundige", "vrijwilliger", "vrijwilligster", "doctor", "nurse", "tutor",
    "beneficiary", "beneficiaire", "begunstigde", "applicant", "tenant", "resident", "demandeur",
    "demandeuse", "requerant", "requerante", "locataire", "client", "cliente",
    # the people who come to the house or help in a service
    "technieker", "technicus", "technician", "klusjesman", "loodgieter", "plumber",
    "elektricien", "chauffeur", "stagiair", "stagiaire", "intern", "concierge", "caretaker",
    "poetshulp", "logopedist", "logopediste", "ergotherapeut", "psychiater", "educateur",
    "educatrice", "interprete", "volunteer", "benevole", "animateur", "animatrice",
    "facilitator", "monitor", "monitrice",
}  # fmt: skip
#: Greetings first in a message: the capitalised name after them is the reader's ("Hi Griet,").
GREETINGS = {
    "hi", "hallo", "hello", "hey", "hoi", "dag", "beste", "dear", "bonjour", "salut", "bonsoir",
    "cher", "chere", "goedemorgen", "goeiemorgen", "goedemiddag",
}  # fmt: skip
#: What a case note is about, as its heading says: "Opvolging De Meyer:", "Huisbezoek Vandaele".
CASE_TOPICS = {
    "opvolging", "huisbezoek", "bezoek", "verhuis", "verhuizing", "intake", "aanmelding",
    "bespreking", "begeleiding", "suivi", "visite", "accompagnement", "follow-up",
    "opmerking", "remarque", "remark",
}  # fmt: skip
#: A child's rank among siblings, beside a name: "de jongste (Tesfay, …)", "the eldest, Omar".
RANK_WORDS = {"oudste", "jongste", "youngest", "eldest", "aine", "ainee", "cadet", "cadette"}
FAMILY_WORDS = {"familie", "gezin", "famille", "family", "fam", "clan"}
#: Compounds of a family word: pleeggezin, gastgezin, schoonfamilie, pleegfamilie.
FAMILY_ENDINGS = ("gezin", "familie")
#: Naming words that are everyday words in another language (Dutch "dit"): a capital must follow.
NAMING_BEFORE_A_CAPITAL = {"dit", "nom", "naam"}
NAMING_WORDS = {
    "heet", "heten", "genaamd", "noemt", "naam", "appelle", "named", "called", "nom",
    "familienaam", "voornaam", "achternaam", "prenom", "surname", "gespeld", "spelling", "alias",
    "roepnaam", "dite", "dit", "surnomme", "surnommee", "bijgenaamd", "bijnaam", "nicknamed",
}  # fmt: skip
#: Between a naming word and the name: "gespeld als Stoika", "naam is Yilmaz", "nom : Diallo".
NAMING_FILLERS = {"als", "is", "was", "zijn", "est", "as"}
PARTICLES = {
    "van", "de", "der", "den", "vande", "vanden", "vander", "ver", "te", "ten", "ter", "d'",
    "del", "della", "di", "da", "dos", "du", "le", "la", "el", "al", "ben", "bin", "ibn", "abu",
    "abou", "ould", "ait", "op", "'t", "mac", "mc", "von", "zu", "thi", "van't",
}  # fmt: skip
#: After a kinship word these mean "of": "mama van Yassin" names Yassin, not "van Yassin".
OF_WORDS = {"van", "de", "du", "of", "d'"}
#: Lower-case words that never start a name, even after a title.
FUNCTION_WORDS = {
    "de", "het", "een", "en", "of", "is", "was", "heeft", "had", "zelf", "zegt", "zei", "wil",
    "kan", "moet", "die", "dat", "met", "van", "op", "in", "te", "niet", "ook", "nog", "al",
    "la", "le", "les", "est", "a", "et", "qui", "que", "the", "and", "has", "said", "says",
    "zijn", "haar", "hun", "mijn", "onze", "z'n", "sa", "son", "ses", "his", "her", "their",
    "wordt", "werd", "gaat", "ging", "komt", "kwam", "belde", "zit", "woont", "to",
}  # fmt: skip
#: Verbs that say little on their own: a person's, but a thing's as well ("het plan is").
WEAK_VERBS = {
    "is", "was", "heeft", "had", "moet", "moest", "kan", "kon", "mag", "mocht", "gaat", "ging",
    "zit", "zat", "staat", "stond", "laat", "zal", "zou", "ligt", "lag", "blijft", "bleef",
    "wordt", "werd", "a", "est", "doit", "peut", "va", "etait", "avait", "ne", "n'a", "n'est",
    "se", "has", "can", "could", "will", "would", "must", "did", "does", "doesn't",
    "didn't", "got", "gets", "komt", "kwam", "krijgt", "kreeg", "geeft", "gaf", "vindt", "vond",
}  # fmt: skip
#: What a person does right after their name ("Peeters belde terug", "Samir a appelé").
PERSON_VERBS = WEAK_VERBS | {
    "belde", "belt", "zegt", "zei", "vertelt", "vertelde", "vroeg", "vraagt", "woont", "woonde",
    "kwam", "komt", "wil", "wilde", "wou", "kreeg", "krijgt", "heeft", "had", "is", "was",
    "moet", "moest", "kan", "kon", "mag", "mocht", "gaat", "ging", "slaapt", "sliep", "werkt",
    "werkte", "zit", "zat", "staat", "stond", "liet", "laat", "verhuisde", "verhuist", "huilt",
    "weet", "wist", "vindt", "vond", "zoekt", "zocht", "betaalt", "betaalde", "ontving",
    "ontvangt", "stuurde", "stuurt", "mailde", "mailt", "antwoordde", "meldde", "meldt",
    "bracht", "brengt", "haalt", "haalde", "reageerde", "reageert", "tekende", "toonde", "gaf",
    "geeft", "verloor", "weigert", "weigerde", "hoorde", "sprak", "spreekt", "zag", "ziet",
    "heb", "wacht", "wachtte", "blijft", "bleef", "kent", "kende", "durft", "durfde", "zal",
    "zou", "lag", "ligt", "leeft", "leefde", "verliet", "verlaat", "trok", "liep",
    "appelle", "a", "est", "dit", "habite", "vit", "travaille", "attend", "demande", "cherche",
    "doit", "peut", "veut", "recoit", "etait", "avait", "pense", "explique", "paie", "ne",
    "n'a", "n'est", "s'est", "se", "va", "vient", "dort", "said", "says", "called", "calls",
    "lives", "lived", "has", "wants", "wanted", "works", "worked", "asked", "asks",
    "told", "came", "comes", "got", "gets", "needs", "needed", "moved", "can", "could", "will",
    "would", "must", "did", "does", "doesn't", "didn't", "paid", "received", "sleeps", "slept",
    "zelf", "werd", "wordt", "vertrok", "vertrekt", "verblijft", "verbleef", "bedankt",
    "bedankte", "belooft", "beloofde", "volgt", "volgde", "begint", "begon", "stopt", "stopte",
    "huurt", "huurde", "leert", "leerde", "studeert", "zorgt", "zorgde", "speelt", "speelde",
    "schreef", "schrijft", "remercie", "parle", "thanks", "thanked", "speaks", "spoke",
}  # fmt: skip
#: A person's possessive after the name: "Ann haar nummer", "Ahmed zijn moeder".
POSSESSIVES = {"haar", "zijn", "z'n", "d'r", "der", "her", "his"}
#: Before a name they say "at / with / for someone": only with more evidence.
PERSON_PREPOSITIONS = {"bij", "met", "voor", "aan", "naar", "chez", "avec", "pour", "with"}
#: Words after which a capitalised word is a public figure or a place: Koning Boudewijn(laan).
NOT_A_PERSON_AFTER = {
    "koning", "koningin", "prins", "prinses", "sint", "saint", "sainte", "st", "paus", "keizer",
    "graaf", "gravin", "hertog", "roi", "reine", "king", "queen", "pope", "heilige",
}  # fmt: skip
#: Words that continue a street name: "Hope Street", "Hoog Kortrijk" are places.
STREET_WORDS = {
    "street", "road", "lane", "avenue", "square", "straat", "laan", "plein", "rue", "place", "drive", "way",
}  # fmt: skip
#: Endings of compounds that name things (an office, a plan, a scheme), not persons.
THING_ENDINGS = (
    "huis", "werk", "punt", "dienst", "centrum", "school", "plan", "pakket", "fonds", "kas",
    "net", "lijn", "zorg", "hulp", "kantoor", "loket", "raad", "groep", "team", "project",
    "ing", "heid", "schap", "iteit", "atie", "tie", "isme", "kaart", "premie", "toelage",
    "uitkering", "recht", "wet", "decreet", "app", "site", "portaal", "tool", "systeem",
)  # fmt: skip

#: Particles that are articles too: "De Zwaluw" may name a centre, "De Storm" a play.
ARTICLES = {"de", "den", "het", "'t", "le", "la", "les"}
#: Places, groups and works that are often named "De …": buurthuis De Kring, ploeg De Valken.
THING_WORDS = {
    "ploeg", "club", "voorstelling", "stuk", "film", "boek", "opvang", "crisisopvang", "cafe",
    "vzw", "asbl", "zaal", "sporthal", "kerk", "wijk", "jeugdbeweging", "theater", "toneel",
    "musical", "kamp", "speelplein", "koor", "band", "residentie", "home", "restaurant",
    "winkel", "bakkerij", "brasserie", "hotel", "boerderij", "kinderboerderij", "creche",
    "kinderdagverblijf", "basisschool", "kleuterschool", "campus", "internaat", "woning",
    "wijkcentrum", "ontmoetingscentrum", "dienstencentrum", "buurthuis", "jeugdhuis", "studio",
    "atelier", "bibliotheek", "maison", "salle", "ecole", "equipe", "piece", "spectacle",
    "team", "play", "show", "school", "centre", "center", "house", "garage", "apotheek",
    "slagerij", "beenhouwerij", "drukkerij", "brouwerij", "frituur", "kapsalon", "huize",
    "villa", "pharmacie", "boulangerie", "boucherie",
    # foundations, funds and the groups of a home or a school, named after a person or an animal
    "stichting", "fonds", "fondation", "foundation", "fund", "leefgroep", "leefgroepen", "groep",
    "klas", "afdeling", "huis", "lycee", "athenee", "atheneum", "college", "instituut",
    # youth movements and their groups: "Scouts De Wolf", "Chiro Sint-Jan", "KSA De Vos"
    "scouts", "scouting", "scoutsgroep", "chiro", "chirogroep", "ksa", "kaj", "patro", "troep",
    "welpen", "kapoenen", "gidsen", "guides", "meute", "unite",
    # trades named after their family: "Garage Vandamme", "Schrijnwerkerij Mertens"
    "smidse", "schrijnwerker", "loodgieterij", "kantoor", "handelszaak", "firma",
    "bedrijf", "familiebedrijf", "winkeltje", "kruidenier", "kruidenierszaak", "dépanneur",
    "magasin", "épicerie", "garagiste", "menuiserie", "firm", "shop", "store", "bakery",
}  # fmt: skip
#: Trades end so (bakkerij, smederij, Dakwerken, Transport): a family's name after one names
#: the firm.
TRADE_ENDINGS = ("erij", "derij", "werken", "transport", "transporten", "verhuizingen")

#: After these a capitalised first name alone is a place: "geboren in Thiès", "née à Sofia".
PLACE_PREPOSITIONS = {"in", "te", "uit", "vanuit", "à", "from"}
#: Before a lower-case word they make it a noun: "twee neven", "een roos", "les roses".
DETERMINERS = {
    "de", "het", "een", "twee", "drie", "vier", "vijf", "zes", "zeven", "acht", "negen", "tien",
    "beide", "alle", "die", "deze", "dit", "veel", "enkele", "sommige", "elke", "ieder", "onze",
    "le", "la", "les", "un", "une", "des", "deux", "trois", "quatre", "ces", "cette", "ce",
    "the", "a", "an", "two", "three", "four", "some", "many", "these", "those", "every",
}  # fmt: skip

#: Endings of the word after a name that make it the name of a place or an organisation.
INSTITUTION_ENDINGS = (
    "ziekenhuis", "instituut", "stichting", "school", "centrum", "fonds", "prijs", "zaal",
    "college", "atheneum", "lyceum", "museum", "hospital", "institute", "foundation", "centre",
    "center", "academie", "academy", "kliniek", "clinic", "kazerne", "hal", "huis", "park",
    "hogeschool", "universiteit", "university", "library", "bibliotheek", "society", "theatre",
    "theater", "gallery", "stadium", "church", "kerk", "association", "trust", "bouw",
    "transport", "partners", "bvba", "wijk", "parochie",
)  # fmt: skip

#: Articles before a name in a thing's name, in English word order: "the Jan Palfijn hospital".
NAME_OF_A_THING_ARTICLES = {"the", "het", "de", "le", "la", "l'"}
#: Capitalised adjectives between an article and a name make it a title: "Le Petit Prince".
TITLE_ADJECTIVES = {
    "petit", "petite", "grand", "grande", "vieux", "vieille", "kleine", "grote", "oude", "jonge",
    "nieuwe", "little", "big", "great", "old", "young", "new",
}  # fmt: skip
#: Endings of a street's name: a person's name fused with them names the street.
STREET_ENDINGS = (
    "straat", "laan", "plein", "dreef", "steenweg", "kaai", "lei", "singel", "vest", "markt",
)  # fmt: skip
#: Long enough not to end a surname by chance (Vanderstraeten, Delaan stay names).
FUSED_ENDINGS = STREET_ENDINGS[:5] + (
    "weg", "school", "instituut", "ziekenhuis", "stichting", "college", "atheneum", "lyceum",
    "kliniek", "zaal", "centrum", "wijk", "parochie",
)  # fmt: skip

#: Names that stand for anyone, and idioms made of names: no person is meant.
STOCK_NAMES = re.compile(
    r"(?i)\b(?:jan\s+modaal|jan\s+met\s+de\s+pet|jan\s+en\s+alleman|piet\s+snot|john\s+doe"
    r"|jane\s+doe|joe\s+bloggs|jean\s+dupont|monsieur\s+tout-le-monde)\b"
)
STOCK_NAME_WORDS = ("modaal", "pet", "alleman", "snot", "doe", "bloggs", "dupont", "tout-le")

#: Every word after which a name may follow.
TRIGGERS = frozenset(
    FORMAL_TITLES
    | KIN_TITLES
    | ROLE_TITLES
    | FAMILY_WORDS
    | NAMING_WORDS
    | ABBREVIATIONS
    | CASE_TOPICS
)
#: Sign-offs before the writer's name: "Mvg, Hilde", "Groetjes, Lotte", "Cordialement, Luc".
SIGN_OFFS = {
    "mvg", "vg", "gr", "grtz", "grz", "groetjes", "groeten", "groet", "dank", "bedankt", "merci",
    "cordialement", "amities", "bisous", "regards", "cheers", "thanks", "best", "bav", "salutations",
}  # fmt: skip
#: A writer introducing themselves: "ik ben kris", "je suis Mireille", "I am Tom".
SELF_INTRODUCTIONS = {("ik", "ben"), ("je", "suis"), ("i", "am"), ("moi", "c'est")}
