"""The demo stories: bottlenecks as case managers in a Flemish city write them, with what the
network did about them so far. Fictional; no person can be recognised in them."""

from dataclasses import dataclass, field


@dataclass
class Story:
    #: Demo log-ins by the part before `@demo.example`.
    reporter: str
    days_ago: int
    title: str
    description: str
    domains: list[str]
    household: tuple = (None, None, None)
    organisations: list[str] = field(default_factory=list)
    #: Sector codes the coordinator routes it to; empty: still waiting for triage.
    route: list[str] = field(default_factory=list)
    level: str = "operational"
    tags: list[str] = field(default_factory=list)
    #: A policy owner the coordinator names besides the routed sectors.
    owner: str | None = None
    #: (who, days ago, note)
    occurrences: list[tuple] = field(default_factory=list)
    #: (who, body); a routed sector's first post is its first answer.
    posts: list[tuple] = field(default_factory=list)
    #: (who, target status, reason)
    steps: list[tuple] = field(default_factory=list)
    draft: bool = False


OCMW = "OCMW Kortrijk – Sociale dienst"
CAW = "CAW Zuid-West-Vlaanderen"
SVK = "Sociaal Verhuurkantoor Zuid-West-Vlaanderen"
HVHK = "Huis van het Kind Kortrijk"

STORIES: list[Story] = [
    Story(
        "casemanager1",
        3,
        "Huurwaarborg niet op tijd rond bij verhuis naar private huur",
        "Een alleenstaande moeder vindt een huurwoning, maar de eigenaar wil de waarborg van "
        "drie maanden huur meteen. De aanvraag bij het OCMW duurt drie weken, de woning gaat "
        "intussen naar een andere kandidaat.",
        ["housing", "income"],
        ("single_parent", "2", "3-6"),
        [OCMW],
    ),
    Story(
        "socialworker",
        2,
        "Budgetmeter laat gezin zonder verwarming",
        "Het krediet op de budgetmeter voor gas is op vrijdagavond op. Opladen kan pas maandag "
        "bij het OCMW. Het gezin met een baby zit het hele weekend zonder verwarming.",
        ["housing", "health"],
        ("two_parents", "3", "0-1"),
        occurrences=[("casemanager2", 1, "Zelfde situatie in de deelgemeenten.")],
    ),
    Story(
        "casemanager2",
        1,
        "Digitale oudercontacten onbereikbaar zonder laptop",
        "De school organiseert het oudercontact enkel nog online. Het gezin heeft alleen een "
        "smartphone met een beperkt databundel en mist zo het gesprek over de leerachterstand.",
        ["parents_education", "children_stimulation"],
        ("two_parents", "2", "6-12"),
    ),
    Story(
        "casemanager1",
        5,
        "Plan in opmaak: wachtlijst kinderopvang voor ouders in opleiding",
        "Nog aan te vullen met de cijfers van het Huis van het Kind.",
        ["children_stimulation", "parents_work"],
        draft=True,
    ),
    Story(
        "casemanager1",
        30,
        "Leefloon wordt laattijdig toegekend na verhuis binnen Kortrijk",
        "Na een verhuis naar een andere wijk wordt het dossier opnieuw onderzocht. Het gezin "
        "zit zes weken zonder inkomen en moet beroep doen op de voedselbank.",
        ["income"],
        ("single_parent", "3", "1-3"),
        [OCMW],
        route=["income"],
        level="organisational",
        tags=["leefloon"],
        occurrences=[
            ("casemanager2", 25, ""),
            ("socialworker", 18, "Gezin werd doorverwezen door de school."),
            ("casemanager1", 9, ""),
        ],
    ),
    Story(
        "socialworker",
        24,
        "Tandzorg voor kinderen wordt uitgesteld door voorschot",
        "De tandarts vraagt een voorschot voor de behandeling van twee kinderen. Het gezin "
        "heeft recht op de verhoogde tegemoetkoming, maar kan het voorschot niet betalen.",
        ["health", "income"],
        ("two_parents", "2", "6-12"),
        route=["health"],
        tags=["terugbetaling"],
        occurrences=[("casemanager1", 20, ""), ("casemanager2", 11, "")],
    ),
    Story(
        "casemanager2",
        6,
        "Geen kinderopvang voor ouders in ploegendienst",
        "Een vader vindt werk in ploegen bij een distributiecentrum. Geen enkele opvang in de "
        "buurt is open voor zes uur 's ochtends, dus hij moet het werk weigeren.",
        ["parents_work", "children_stimulation"],
        ("single_parent", "1", "1-3"),
        [HVHK],
        route=["children", "employment"],
        level="intersectoral",
    ),
    Story(
        "casemanager1",
        4,
        "Sociaal tarief energie valt weg na enkele weken interimwerk",
        "Door drie weken interimwerk verliest het gezin het sociaal tarief. Het herstel duurt "
        "maanden, de voorschotfactuur verdubbelt intussen.",
        ["income", "housing"],
        ("two_parents", "4+", "3-6"),
        route=["income", "housing"],
        level="structural",
        tags=["energie"],
    ),
    Story(
        "casemanager2",
        60,
        "Wachtlijst sociale huur blijft oplopen voor grote gezinnen",
        "Voor een gezin met vijf kinderen zijn er geen sociale woningen met vier slaapkamers. "
        "De wachttijd loopt op tot meer dan vijf jaar; het gezin woont intussen in een te "
        "kleine en vochtige woning.",
        ["housing", "health"],
        ("two_parents", "4+", "3-6"),
        [SVK],
        route=["housing"],
        level="structural",
        tags=["sociale-huur"],
        owner="housing",
        occurrences=[
            ("casemanager1", 55, ""),
            ("socialworker", 41, "Opnieuw vastgesteld tijdens een huisbezoek."),
            ("casemanager1", 33, ""),
            ("casemanager2", 20, ""),
            ("socialworker", 8, ""),
        ],
        posts=[
            (
                "housing",
                "Dit is gekend. We bekijken met de huisvestingsmaatschappij of er "
                "grote woningen uit de renovatie vroeger vrij kunnen komen.",
            ),
            ("casemanager1", "Ook bij ons drie gezinnen in dezelfde situatie."),
        ],
    ),
    Story(
        "socialworker",
        45,
        "Geen tolk beschikbaar bij consultaties in het wijkgezondheidscentrum",
        "Moeders die nog geen Nederlands spreken begrijpen de uitleg over de vaccinaties niet. "
        "De tolkentelefoon is vaak bezet en een tolk ter plaatse moet weken vooraf geboekt.",
        ["health", "parents_education"],
        ("two_parents", "2", "0-1"),
        ["Wijkgezondheidscentrum De Piramide"],
        route=["health"],
        tags=["tolk"],
        occurrences=[("casemanager2", 30, ""), ("casemanager2", 12, "")],
        posts=[
            (
                "health",
                "We vragen bij de koepel na of sociaal tolken vaker kan worden "
                "ingezet. Kunnen jullie aangeven hoeveel gezinnen dit ongeveer betreft?",
            ),
            ("socialworker", "In onze caseload gaat het om ongeveer tien gezinnen."),
        ],
    ),
    Story(
        "casemanager1",
        38,
        "Groeipakket valt stil na wijziging van de gezinssituatie",
        "Na de scheiding moet de nieuwe gezinssituatie eerst verwerkt worden. Het groeipakket "
        "wordt twee maanden niet uitbetaald en de moeder kan de schoolfactuur niet betalen.",
        ["income", "children_stimulation"],
        ("single_parent", "2", "6-12"),
        route=["income"],
        tags=["groeipakket"],
        occurrences=[("socialworker", 33, ""), ("casemanager2", 14, "")],
        posts=[
            (
                "income",
                "We hebben contact opgenomen met de uitbetaler. Een voorschot is "
                "mogelijk wanneer de situatie gemeld wordt.",
            )
        ],
    ),
    Story(
        "casemanager2",
        52,
        "Inschrijving bij VDAB vraagt digitale vaardigheden",
        "Werkzoekenden moeten zich online inschrijven en hun dossier via de app opvolgen. Wie "
        "geen smartphone of laptop heeft, mist afspraken en krijgt een sanctie.",
        ["parents_work", "parents_education"],
        ("single_parent", "1", "12-18"),
        ["VDAB Kortrijk"],
        route=["employment"],
        level="organisational",
        tags=["vdab"],
        occurrences=[("casemanager1", 40, ""), ("socialworker", 22, "")],
        posts=[
            (
                "employment",
                "In de werkwinkel is er elke dinsdagvoormiddag digitale hulp "
                "zonder afspraak. We bekijken of dat ook in de deelgemeenten kan.",
            )
        ],
    ),
    Story(
        "socialworker",
        70,
        "Kampen in de zomervakantie onbetaalbaar voor grote gezinnen",
        "De korting met de UiTPAS wordt pas achteraf terugbetaald. Gezinnen moeten het volle "
        "bedrag voorschieten en laten hun kinderen daarom thuis.",
        ["children_stimulation", "income"],
        ("two_parents", "4+", "6-12"),
        route=["children"],
        tags=["vrije-tijd"],
        occurrences=[("casemanager1", 60, ""), ("casemanager2", 50, ""), ("casemanager1", 15, "")],
        posts=[
            (
                "children",
                "We bekijken met de dienst vrije tijd of de korting meteen aan de kassa kan.",
            )
        ],
        steps=[("coordinator", "scheduled", "")],
    ),
    Story(
        "casemanager1",
        90,
        "Schuldbemiddeling start pas na maanden",
        "Bij de schuldbemiddelingsdienst is de wachttijd voor een eerste gesprek drie maanden. "
        "Intussen lopen de kosten van deurwaarders op.",
        ["income"],
        ("single_parent", "2", "3-6"),
        ["Centrum Algemeen Welzijnswerk – Schuldhulp"],
        route=["income"],
        level="intersectoral",
        tags=["schulden"],
        occurrences=[("socialworker", 80, ""), ("casemanager2", 71, ""), ("casemanager2", 40, "")],
        posts=[
            ("income", "Dit nemen we mee naar de thematische sessie rond schulden."),
            ("casemanager2", "Het gezin wacht nog steeds, de situatie is ongewijzigd."),
        ],
        steps=[("coordinator", "in_proposal", "")],
    ),
    Story(
        "casemanager2",
        120,
        "Derdebetalersregeling niet toegepast bij huisarts",
        "Het gezin heeft recht op de derdebetalersregeling, maar de huisarts vraagt het volle "
        "bedrag. Het gezin stelt bezoeken daarom uit.",
        ["health", "income"],
        ("two_parents", "3", "1-3"),
        route=["health"],
        tags=["terugbetaling"],
        occurrences=[("casemanager1", 100, "")],
        posts=[("health", "De huisartsenkring herinnert alle leden aan de regeling.")],
        steps=[
            (
                "health",
                "resolved",
                "De huisartsenkring stuurde een herinnering en past de regeling nu toe.",
            )
        ],
    ),
    Story(
        "socialworker",
        150,
        "Zwemlessen niet betaalbaar voor kinderen in armoede",
        "Zwemlessen in het stedelijk zwembad kosten per reeks meer dan het gezin per maand "
        "aan vrije tijd kan uitgeven.",
        ["children_stimulation"],
        ("single_parent", "2", "6-12"),
        route=["children"],
        tags=["vrije-tijd"],
        posts=[("children", "Vanaf volgende maand geldt het kansentarief ook voor zwemlessen.")],
        steps=[
            ("children", "resolved", "Kansentarief voor zwemlessen ingevoerd."),
            ("coordinator", "closed", ""),
        ],
    ),
    Story(
        "casemanager1",
        25,
        "Individuele vraag naar een bijkomende leefloonpremie",
        "Een gezin vraagt een extra premie boven het leefloon voor een wasmachine.",
        ["income"],
        ("two_parents", "2", "3-6"),
        steps=[
            (
                "coordinator",
                "declined",
                "Individuele situatie, op te volgen binnen de begeleiding via aanvullende steun.",
            )
        ],
    ),
    Story(
        "casemanager2",
        40,
        "Nederlandse les voor ouders met wachtlijst van een half jaar",
        "Ouders die Nederlands willen leren, staan maanden op de wachtlijst van het centrum "
        "voor volwassenenonderwijs. Ze kunnen intussen niet mee met de school van hun kinderen.",
        ["parents_education"],
        ("two_parents", "3", "3-6"),
        ["Centrum voor Volwassenenonderwijs Leieland"],
        route=["education"],
        tags=["nt2"],
        occurrences=[("socialworker", 35, ""), ("casemanager1", 16, "")],
    ),
    Story(
        "socialworker",
        35,
        "Vochtige huurwoning wordt niet aangepakt door de eigenaar",
        "Er is schimmel in de kinderkamer en het jongste kind heeft astma. De eigenaar reageert "
        "niet op aangetekende brieven; een conformiteitsonderzoek duurt maanden.",
        ["housing", "health"],
        ("single_parent", "2", "1-3"),
        ["Huurdersbond West-Vlaanderen"],
        route=["housing", "health"],
        level="organisational",
        occurrences=[("casemanager1", 28, ""), ("casemanager2", 21, "")],
        posts=[
            (
                "housing",
                "De woonwinkel plant een woningonderzoek; we volgen dit op met de huurdersbond.",
            )
        ],
    ),
    Story(
        "casemanager1",
        14,
        "Schoolkosten stapelen zich op bij het begin van het schooljaar",
        "Boeken, materiaal en uitstappen lopen in september op tot honderden euro. De "
        "schooltoeslag komt pas in de herfst.",
        ["income", "parents_education"],
        ("single_parent", "3", "6-12"),
        ["Basisschool De Regenboog"],
        route=["education", "income"],
        occurrences=[("casemanager2", 10, "")],
    ),
    Story(
        "casemanager2",
        10,
        "Psychologische hulp voor jongeren onbereikbaar",
        "Een jongere met angstklachten wacht acht maanden op een eerste gesprek. De school "
        "vraagt dringend hulp, maar elke dienst verwijst door.",
        ["health", "children_stimulation"],
        ("two_parents", "2", "12-18"),
        route=["health"],
        level="intersectoral",
        tags=["ggz"],
        occurrences=[("socialworker", 7, "")],
        posts=[
            (
                "health",
                "We bekijken met het netwerk geestelijke gezondheid of een "
                "vlotter aanmeldpunt voor jongeren mogelijk is.",
            )
        ],
    ),
]
