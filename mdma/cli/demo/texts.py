"""Fictional case-manager phrases per life domain, from which demo bottlenecks are composed.

The words are what Flemish front-line workers write, so full-text search on generated data
meets realistic terms: frequent ones (gezin, wachtlijst, leefloon) and rare ones (budgetmeter,
studietoelage). No names, addresses or numbers that could point at a person.
"""

#: Per life domain: what goes wrong (the start of a title).
PROBLEMS = {
    "housing": [
        "Huurwaarborg niet op tijd beschikbaar",
        "Wachtlijst sociale huur blijft oplopen",
        "Uithuiszetting zonder voorafgaand overleg met het OCMW",
        "Geen noodwoning beschikbaar",
        "Huurpremie wordt laat uitbetaald",
        "Vochtige en ongezonde huurwoning wordt niet aangepakt",
        "Sociaal verhuurkantoor weigert grote gezinnen",
        "Budgetmeter voor gas zorgt voor afsluiting in de winter",
        "Discriminatie op de private huurmarkt",
        "Geen domicilie mogelijk in een tijdelijke woonst",
        "Huurachterstal loopt op door trage aanvraag huurtoelage",
        "Conformiteitsattest ontbreekt bij goedkope huurwoningen",
    ],
    "income": [
        "Leefloon wordt laattijdig toegekend",
        "Groeipakket valt stil na wijziging van de gezinssituatie",
        "Energiefactuur onbetaalbaar na afrekening",
        "Schuldbemiddeling start pas na maanden",
        "Verhoogde tegemoetkoming wordt niet automatisch toegekend",
        "Schoolkosten stapelen zich op",
        "Beslag op het loon laat te weinig leefgeld over",
        "Sociaal tarief energie valt weg bij tijdelijk werk",
        "Aanvullende financiële steun verschilt per maatschappelijk werker",
        "Kinderbijslag en leefloon worden verrekend",
        "Voedselpakketten volstaan niet voor grote gezinnen",
        "Collectieve schuldenregeling duurt te lang",
    ],
    "health": [
        "Wachttijd voor geestelijke gezondheidszorg te lang",
        "Tandzorg voor kinderen wordt uitgesteld",
        "Remgeld houdt gezinnen weg bij de huisarts",
        "Geen tolk beschikbaar bij consultaties",
        "Medicatie niet terugbetaald voor chronische aandoening",
        "Derdebetalersregeling niet toegepast",
        "Brillen voor kinderen te duur",
        "Psychologische hulp voor jongeren onbereikbaar",
        "Dringende medische hulp wordt niet aanvaard door de apotheek",
        "Kraamzorg ontbreekt voor kwetsbare moeders",
    ],
    "children_stimulation": [
        "Geen plaats in de kinderopvang",
        "Inkomensgerelateerd tarief kinderopvang niet gekend",
        "Vrijetijdsaanbod te duur voor kinderen",
        "Jeugdbeweging vraagt dure uniformen",
        "Speelpleinwerking volzet",
        "Huiswerkbegeleiding enkel na de schooluren zonder vervoer",
        "Consultatiebureau moeilijk bereikbaar",
        "Zwemlessen niet betaalbaar",
        "Kampen in de zomervakantie onbetaalbaar",
        "Vroegtijdige schoolverlaters vallen uit de boot",
    ],
    "parents_education": [
        "Nederlandse les voor ouders met wachtlijst",
        "Diploma uit het buitenland niet erkend",
        "Geen opvang tijdens de les bij het volwassenenonderwijs",
        "Studietoelage wordt laat uitbetaald",
        "Digitale oudercontacten onbereikbaar zonder laptop",
        "Alfabetisering start pas na maanden",
        "Schoolcommunicatie enkel via een app",
        "Opleiding combineren met zorg voor kinderen lukt niet",
    ],
    "parents_work": [
        "Inschrijving bij VDAB vraagt digitale vaardigheden",
        "Werkhervatting kost meer dan ze opbrengt",
        "Geen kinderopvang voor ouders in ploegendienst",
        "Tijdelijk werk stopt het leefloon onmiddellijk",
        "Rijbewijs vereist maar niet betaalbaar",
        "Artikel 60 tewerkstelling zonder doorstroom",
        "Uitzendwerk met onregelmatige uren",
        "Vrijwilligerswerk wordt afgeraden door de uitbetalingsinstelling",
    ],
}

#: Who it happens to, or where (the end of a title).
CONTEXTS = [
    "bij eenoudergezinnen",
    "voor gezinnen met jonge kinderen",
    "bij grote gezinnen",
    "na een verhuis",
    "bij nieuwkomers",
    "in de deelgemeenten",
    "voor gezinnen zonder auto",
    "na een scheiding",
    "bij gezinnen met een laag inkomen",
    "tijdens de wintermaanden",
    "voor werkende armen",
    "bij gezinnen in schuldbemiddeling",
    "voor jongeren die net meerderjarig zijn",
    "bij gezinnen met een kind met een beperking",
    "in Kortrijk",
    "",
]

#: Per life domain: what the case manager saw, a sentence each.
DETAILS = {
    "housing": [
        "Het gezin vindt een huurwoning, maar de huurwaarborg van drie maanden huur is niet tijdig rond.",
        "De eigenaar vraagt de waarborg cash en weigert een waarborg via het OCMW.",
        "De wachtlijst voor sociale huur bedraagt in Kortrijk meer dan vier jaar.",
        "De woning is vochtig en er is schimmel in de kinderkamer.",
        "Na een vonnis tot uithuiszetting was er geen enkel contact met de sociale dienst.",
        "Het sociaal verhuurkantoor heeft geen woningen met vier slaapkamers.",
        "Met de budgetmeter blijft het gezin zonder verwarming zodra het krediet op is.",
        "Bij bezoeken wordt het gezin telkens afgewezen zodra het leefloon ter sprake komt.",
        "De huurtoelage wordt pas na maanden berekend, de huurachterstal loopt intussen op.",
        "De tijdelijke woonst laat geen domicilie toe, waardoor andere rechten wegvallen.",
    ],
    "income": [
        "De aanvraag voor leefloon loopt al zes weken zonder beslissing.",
        "Na de scheiding werd het groeipakket stopgezet tot de nieuwe gezinssituatie verwerkt is.",
        "De eindafrekening van de energieleverancier is hoger dan het maandinkomen.",
        "De schuldbemiddelaar heeft pas binnen drie maanden een eerste afspraak.",
        "De verhoogde tegemoetkoming moet het gezin zelf aanvragen, terwijl het recht vaststaat.",
        "De schoolfactuur voor uitstappen en materiaal blijft onbetaald.",
        "Na het beslag blijft er minder over dan het leefgeld dat nodig is voor voeding.",
        "Door een paar weken interimwerk valt het sociaal tarief voor energie weg.",
        "Twee gezinnen in dezelfde situatie krijgen een verschillend bedrag aan aanvullende steun.",
        "Het groeipakket wordt als inkomen meegeteld bij de berekening van de steun.",
    ],
    "health": [
        "Het centrum geestelijke gezondheidszorg heeft een wachttijd van acht maanden.",
        "De tandarts vraagt een voorschot dat het gezin niet kan betalen.",
        "Het gezin stelt een bezoek aan de huisarts uit omwille van het remgeld.",
        "Zonder tolk begrijpt de moeder de uitleg over de behandeling niet.",
        "De medicatie voor de chronische aandoening wordt niet terugbetaald.",
        "De huisarts past de derdebetalersregeling niet toe, hoewel het gezin er recht op heeft.",
        "Een bril voor het kind kost meer dan het gezin per maand voor voeding uitgeeft.",
        "De jongere wacht op een eerste gesprek met een psycholoog.",
        "De apotheek aanvaardt het attest dringende medische hulp niet.",
    ],
    "children_stimulation": [
        "Er is geen plaats in de kinderopvang binnen een redelijke afstand.",
        "Het gezin kent het inkomensgerelateerd tarief niet en betaalt het volle pond.",
        "De sportclub vraagt lidgeld en materiaal dat het gezin niet kan betalen.",
        "De kinderen kunnen niet mee op kamp omdat de korting pas achteraf wordt terugbetaald.",
        "De speelpleinwerking was op de eerste inschrijvingsdag volzet.",
        "De huiswerkklas is enkel bereikbaar met de auto.",
        "Het consultatiebureau ligt aan de andere kant van de stad zonder busverbinding.",
        "Met de UiTPAS krijgt het gezin korting, maar niet voor zwemlessen.",
    ],
    "parents_education": [
        "De cursus Nederlands heeft een wachtlijst van meer dan een half jaar.",
        "Het diploma uit het buitenland wordt niet gelijkgesteld zonder dure vertaling.",
        "Tijdens de les is er geen opvang voor de jongste kinderen.",
        "De studietoelage komt pas na het einde van het schooljaar.",
        "Oudercontacten gebeuren digitaal en het gezin heeft geen laptop.",
        "De school communiceert enkel via een app in het Nederlands.",
        "Alfabetisering voor volwassenen start pas in het volgende semester.",
    ],
    "parents_work": [
        "De inschrijving bij VDAB moet online en de ouder heeft geen digitale vaardigheden.",
        "Met de kosten voor kinderopvang en vervoer levert werken minder op dan het leefloon.",
        "Er is geen kinderopvang voor ouders die in ploegen werken.",
        "Na een week interimwerk wordt het leefloon onmiddellijk herzien.",
        "De werkgever vraagt een rijbewijs, maar de rijlessen zijn niet betaalbaar.",
        "Na de artikel 60 tewerkstelling volgt geen vast contract.",
        "Het uitzendwerk heeft wisselende uren die niet te combineren zijn met de schooluren.",
    ],
}

#: What it does to the family, any domain.
CONSEQUENCES = [
    "Het gezin moet kiezen tussen huur, energie en voeding.",
    "De kinderen missen daardoor kansen op school.",
    "De stress in het gezin loopt hoog op.",
    "Het vertrouwen in de hulpverlening daalt.",
    "Het gezin schuift het probleem voor zich uit tot het escaleert.",
    "De schulden lopen op en er volgen aanmaningen.",
    "De moeder geeft aan dat ze het niet langer volhoudt.",
    "We zien dit bij meerdere gezinnen in onze caseload.",
    "Het gezin valt terug op familie en vrienden, maar dat netwerk is beperkt.",
    "De situatie sleept al maanden aan.",
]

#: What the case manager asks of the network, any domain.
ASKS = [
    "Kan dit structureel opgenomen worden in het overleg?",
    "Graag een afspraak over een snellere procedure.",
    "Is een automatische toekenning mogelijk?",
    "Kunnen de diensten dit beter op elkaar afstemmen?",
    "Wie neemt hier het initiatief?",
    "Graag duidelijke richtlijnen voor alle maatschappelijk werkers.",
    "",
    "",
]

#: Posts in a bottleneck's thread: policy owners' answers and front-line follow-ups.
ANSWERS = [
    "Bedankt voor de melding. We bekijken met de dienst of de procedure sneller kan.",
    "Dit is gekend binnen onze sector; we nemen het mee naar het volgende beleidsoverleg.",
    "We hebben contact opgenomen met de betrokken dienst en wachten op hun antwoord.",
    "De regelgeving laat hier weinig ruimte, maar een tijdelijke oplossing is mogelijk via het OCMW.",
    "Vanaf volgende maand passen we de werkwijze aan: aanvragen krijgen voorrang.",
    "Kunnen jullie aangeven hoeveel gezinnen dit ongeveer betreft?",
    "We stellen voor dit te agenderen op de thematische sessie rond armoede en wonen.",
]
FOLLOW_UPS = [
    "Ook bij ons komt dit geregeld voor, vooral bij eenoudergezinnen.",
    "Intussen vonden we een tijdelijke oplossing via het inloopteam.",
    "Het gezin wacht nog steeds, de situatie is ongewijzigd.",
    "Goed nieuws: de aanvraag is deze week toch goedgekeurd.",
    "Zelfde vaststelling in de deelgemeenten.",
]
#: Occurrence notes; most occurrences have none.
NOTES = [
    "Zelfde situatie, nu bij een gezin met drie kinderen.",
    "Ook hier geen oplossing gevonden binnen de gewone procedure.",
    "Gezin werd doorverwezen door de school.",
    "Opnieuw vastgesteld tijdens een huisbezoek.",
]
DECLINE_REASONS = [
    "Dit valt buiten de bevoegdheid van het netwerk; doorverwezen naar de bevoegde dienst.",
    "Dubbel met een bestaand knelpunt.",
    "Individuele situatie, op te volgen binnen de begeleiding.",
]
RESOLVE_REASONS = [
    "De dienst past de procedure aan; aanvragen worden voortaan binnen twee weken behandeld.",
    "Er is een afspraak gemaakt over een vast aanspreekpunt.",
    "Opgelost met een nieuwe samenwerkingsovereenkomst.",
]
TAGS = {
    "housing": ["huurwaarborg", "sociale-huur", "energie"],
    "income": ["leefloon", "schulden", "groeipakket", "energie"],
    "health": ["ggz", "terugbetaling", "tolk"],
    "children_stimulation": ["kinderopvang", "vrije-tijd"],
    "parents_education": ["nt2", "digitale-kloof"],
    "parents_work": ["vdab", "activering", "kinderopvang"],
}
#: Life domain → the sector that usually answers it.
SECTOR_OF_DOMAIN = {
    "housing": "housing",
    "income": "income",
    "health": "health",
    "children_stimulation": "children",
    "parents_education": "education",
    "parents_work": "employment",
}
