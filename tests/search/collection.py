"""The Swedish test collection: what staff type into Sök, and the demo
documents (profile solna.intranet:demo) each search must find among its
first ten results.

A document is named by its title (unique among what a member of staff may
see: test_recall checks it) or by its path from the site root when it starts
with "/". The classes:

``inflection``
    another form of the word than the document writes ("förskolorna" finds
    "förskolan", "semesterdagarna" finds "semesterdagar");
``compound_part``
    a part finds the compound ("ledighet" finds "föräldraledighet", "sjuk"
    finds "sjukfrånvaro", "lön" finds "lönerevision", "sjuklön");
``compound_whole``
    a compound finds the document that writes it in parts, with a hyphen,
    with another linking form or inflected ("vabanmälan" finds
    "vab-anmälan", "förskolegård" finds "förskolorna … utegårdar");
``misspelling``
    a letter too many, too few or swapped, or typed without å, ä, ö;
``synonym``
    the intranet's words for the same thing ("vab" finds "vård av barn",
    "sjukskrivning" finds "sjukfrånvaro", "LAS" finds "lagen om
    anställningsskydd", "dagis" finds "förskola");
``name``
    people and units: å, ä, ö typed as one character (NFC) or as a letter
    and a combining mark (NFD, as some phones and Macs send them), the
    genitive ("Johan Eks"), first name with the unit, unit names.

The queries are what a preschool teacher, a care assistant, a manager or HR
would type, not forms picked to pass: some may fail, and the recall test
shows which.
"""

from dataclasses import dataclass

import unicodedata


CLASSES = (
    "inflection",
    "compound_part",
    "compound_whole",
    "misspelling",
    "synonym",
    "name",
)


@dataclass(frozen=True)
class Query:
    text: str
    kind: str
    expected: tuple[str, ...]


def nfd(text):
    """``text`` as a letter and a combining mark for each å, ä, ö."""
    return unicodedata.normalize("NFD", text)


def _q(kind, text, *expected):
    assert kind in CLASSES, kind
    return Query(text, kind, expected)


# Documents named more than once.
NY_I_FORSKOLAN = "Ny i förskolan"
STUDIEDAG = "Studiedag för förskolorna den 14 oktober"
UTEGARDAR = "Förskolorna i norra Solna får nya utegårdar"
SEMESTERPLANERING = "Semesterplaneringen 2027: lämna dina önskemål senast 31 mars"
VAB_NEWS = "Sjukanmälan och vab-anmälan i mobilen från 1 januari"
FRISKVARD_NEWS = "Friskvårdsbidraget höjs till 3 000 kronor"
ATK_NEWS = "Dags att välja hur du tar ut din arbetstidsförkortning"
LAS_NEWS = "Nya regler för visstidsanställda"
LONEREVISION_NEWS = "Lönerevision 2027 har startat"
HAMTNING = "Ny rutin för hämtning och lämning"
VATTENLACKA = "Vattenläcka: Solgläntans förskola stängd i dag"
VAB_RULE = "Vård av sjukt barn"
VAB_ANSWER = "Får jag ledigt för vård av barn?"
SICK_CHILD = "Vad gäller när mitt barn är sjukt?"
ATK_RULE = "Arbetstidskonto (ATK)"
ATK_ANSWER = "Hur tar jag ut timmar från arbetstidskontot?"
LAS_RULE = "Lagen om anställningsskydd (LAS)"
TO_PERMANENT = "När blir en visstidsanställning en tillsvidareanställning?"
SEMESTERDAGAR = "Hur många semesterdagar har jag?"
SPARA_SEMESTER = "Kan jag spara semesterdagar?"
PARENTAL = "Föräldraledighet"
PARENTAL_ANSWER = "Hur ansöker jag om föräldraledighet?"
SJUKSKRIVEN = "Får jag lön när jag är sjukskriven?"
SJUKANMALER = "Hur sjukanmäler jag mig?"
LEAVE_FORM = "Ledighetsansökan"
FORSKOLLARARE = "Förskollärare i Solna"


QUERIES = (
    # -- inflection ----------------------------------------------------------
    _q("inflection", "förskola", NY_I_FORSKOLAN, STUDIEDAG, UTEGARDAR),
    _q("inflection", "förskolorna", NY_I_FORSKOLAN, UTEGARDAR),
    _q("inflection", "förskolan", STUDIEDAG, UTEGARDAR),
    _q("inflection", "förskolor", NY_I_FORSKOLAN, UTEGARDAR),
    _q("inflection", "förskollärarna", FORSKOLLARARE, STUDIEDAG),
    _q("inflection", "barnskötarna", STUDIEDAG, NY_I_FORSKOLAN),
    _q("inflection", "semesterdagarna", SEMESTERDAGAR, SPARA_SEMESTER, "Semester"),
    _q("inflection", "semesterdag", SEMESTERDAGAR, SPARA_SEMESTER),
    _q("inflection", "semestern", "Semester", SEMESTERPLANERING),
    _q(
        "inflection", "lönerna", "Hur går lönerevisionen till?", "När betalas lönen ut?"
    ),
    _q("inflection", "sjukdagar", "Sjukanmälan", SJUKANMALER),
    _q("inflection", "läkarintyget", "Läkarintyg", "När behöver jag läkarintyg?"),
    _q("inflection", "föräldraledigheten", PARENTAL, PARENTAL_ANSWER),
    _q("inflection", "rasterna", "Raster och pauser", "Räknas raster som arbetstid?"),
    _q("inflection", "paus", "Raster och pauser"),
    _q("inflection", "utegården", UTEGARDAR),
    _q(
        "inflection",
        "tillbudet",
        "Tillbud och arbetsskador",
        "Hur rapporterar jag ett tillbud?",
    ),
    _q(
        "inflection",
        "arbetsskadan",
        "Tillbud och arbetsskada",
        "Tillbud och arbetsskador",
    ),
    _q("inflection", "bisysslan", "Bisysslor", "Får jag ha en bisyssla?"),
    _q("inflection", "försäkringen", "Försäkringar via arbetsgivaren"),
    _q("inflection", "vikarierna", LAS_NEWS),
    _q("inflection", "medarbetarsamtalen", "Medarbetarsamtal"),
    _q("inflection", "lönesamtalet", "Lönesättning och lönesamtal", LONEREVISION_NEWS),
    _q("inflection", "scheman", "Arbetstid och schema"),
    _q("inflection", "pensionen", "När kan jag gå i pension?"),
    _q("inflection", "introduktionen", "Introduktion av nyanställda"),
    _q("inflection", "friskvårdsbidraget", "Friskvårdsbidrag", FRISKVARD_NEWS),
    _q("inflection", "uppsägningen", "Uppsägning", "Hur säger jag upp mig?"),
    _q("inflection", "rehabiliteringen", "Rehabilitering"),
    _q("inflection", "kompledigheten", "Kompledighet"),
    _q("inflection", "studiedagen", STUDIEDAG),
    _q("inflection", "rutinen för hämtning", HAMTNING),
    _q("inflection", "vattenläckan", VATTENLACKA),
    _q("inflection", "sjukt barn", VAB_RULE, SICK_CHILD),
    _q("inflection", "tjänstepensionen", "Tjänstepension"),
    # -- compound_part ------------------------------------------------------
    _q("compound_part", "ledighet", PARENTAL, "Tjänstledighet", LEAVE_FORM),
    _q("compound_part", "sjuk", "Sjukanmälan", "Sjuklön", VAB_RULE),
    _q(
        "compound_part", "lön", "Lönerevision", "Lönesättning och lönesamtal", "Sjuklön"
    ),
    _q("compound_part", "semester", "Semester", SEMESTERDAGAR, SEMESTERPLANERING),
    _q("compound_part", "frånvaro", "Sjukfrånvaro i arbetsgruppen", "Sjukanmälan"),
    _q("compound_part", "bidrag", "Friskvårdsbidrag", FRISKVARD_NEWS),
    _q("compound_part", "pension", "Tjänstepension", "Pensionsavgång"),
    _q("compound_part", "intyg", "Läkarintyg", "När behöver jag läkarintyg?"),
    _q("compound_part", "anmälan", "Sjukanmälan", VAB_NEWS),
    _q(
        "compound_part",
        "ersättning",
        "Ob-ersättning",
        "Övertidsersättning",
        "Reseersättning",
    ),
    _q("compound_part", "samtal", "Medarbetarsamtal", "Lönesättning och lönesamtal"),
    _q("compound_part", "arbetstid", "Arbetstid och schema", ATK_RULE),
    _q("compound_part", "boende", "Ekensbergs vård- och omsorgsboende"),
    _q("compound_part", "arbetsmiljö", "Systematiskt arbetsmiljöarbete"),
    _q("compound_part", "föräldrapenning", PARENTAL),
    _q("compound_part", "skada", "Tillbud och arbetsskador", "Tillbud och arbetsskada"),
    _q("compound_part", "planering", SEMESTERPLANERING, STUDIEDAG),
    _q("compound_part", "visstid", LAS_NEWS, TO_PERMANENT),
    _q("compound_part", "anställning", TO_PERMANENT, "Anställningsformer"),
    _q("compound_part", "resa", "Reseersättning"),
    _q("compound_part", "gym", "Friskvårdsbidrag", FRISKVARD_NEWS),
    _q("compound_part", "karens", "Sjuklön"),
    _q("compound_part", "revision", "Lönerevision", LONEREVISION_NEWS),
    _q(
        "compound_part",
        "schema",
        "Arbetstid och schema",
        "Hur ansöker jag om schemaändring?",
    ),
    _q("compound_part", "chef Tallkotten", "Camilla Åkesson"),
    _q("compound_part", "förkortning", ATK_NEWS),
    _q("compound_part", "ledig", PARENTAL, "Kompledighet"),
    # -- compound_whole -----------------------------------------------------
    _q("compound_whole", "semesterveckor", SEMESTERPLANERING),
    _q("compound_whole", "semesteransökan", LEAVE_FORM),
    _q("compound_whole", "semesterledighet", SEMESTERPLANERING),
    _q("compound_whole", "lönerevisionen", "Lönerevision", LONEREVISION_NEWS),
    _q("compound_whole", "arbetstidsförkortningen", ATK_NEWS, ATK_RULE),
    _q("compound_whole", "arbetstidskontot", ATK_RULE, ATK_ANSWER),
    _q("compound_whole", "studieledighet", "Ledighet för studier"),
    _q("compound_whole", "tjänsteresa", "Reseersättning"),
    _q("compound_whole", "vabanmälan", VAB_NEWS),
    _q("compound_whole", "tillsvidareanställd", TO_PERMANENT, "Anställningsformer"),
    _q("compound_whole", "nyanställd", "Introduktion av nyanställda"),
    _q("compound_whole", "visstidsanställd", LAS_NEWS),
    _q("compound_whole", "förskolegård", UTEGARDAR),
    _q("compound_whole", "studiedagar", STUDIEDAG),
    _q("compound_whole", "planeringsdag", STUDIEDAG),
    _q("compound_whole", "hämtningsrutin", HAMTNING),
    _q("compound_whole", "sjuklönen", "Sjuklön", SJUKSKRIVEN),
    _q("compound_whole", "utevistelse", UTEGARDAR),
    _q("compound_whole", "obersättning", "Ob-ersättning"),
    _q("compound_whole", "arbetsskadeanmälan", "Tillbud och arbetsskada"),
    _q(
        "compound_whole",
        "förskoleområde",
        "/barn-och-utbildningsforvaltningen/norra-forskoleomradet",
    ),
    _q("compound_whole", "sjukfrånvaro", "Sjukanmälan", "Sjukfrånvaro i arbetsgruppen"),
    _q("compound_whole", "anställningsskydd", LAS_RULE, "Uppsägning"),
    _q("compound_whole", "löneutbetalning", "När betalas lönen ut?"),
    _q("compound_whole", "föräldraledig", PARENTAL),
    # -- misspelling ----------------------------------------------------------
    _q("misspelling", "förskloa", NY_I_FORSKOLAN),
    _q("misspelling", "forskola", NY_I_FORSKOLAN),
    _q("misspelling", "semsester", "Semester"),
    _q("misspelling", "semestr", "Semester"),
    _q("misspelling", "semeseter", "Semester"),
    _q("misspelling", "ledighett", PARENTAL, LEAVE_FORM),
    _q("misspelling", "förädraledighet", PARENTAL),
    _q("misspelling", "friskvårdsbidrg", "Friskvårdsbidrag"),
    _q("misspelling", "friskvårsbidrag", "Friskvårdsbidrag"),
    _q("misspelling", "lönerevison", "Lönerevision"),
    _q("misspelling", "läkarintyh", "Läkarintyg"),
    _q("misspelling", "lakarintyg", "Läkarintyg"),
    _q("misspelling", "tjänsteledighet", "Tjänstledighet"),
    _q("misspelling", "övertidsersätning", "Övertidsersättning"),
    _q("misspelling", "rehabilitring", "Rehabilitering"),
    _q("misspelling", "pention", "När kan jag gå i pension?"),
    _q("misspelling", "bisysla", "Får jag ha en bisyssla?"),
    _q("misspelling", "uppsägnig", "Uppsägning"),
    _q("misspelling", "sjuklon", "Sjuklön"),
    _q("misspelling", "solglantan", "Solgläntan"),
    _q("misspelling", "solgläntn", "Solgläntan"),
    _q("misspelling", "Lars Vikström", "Lars Wikström"),
    _q("misspelling", "Anna Lindkvist", "Anna Lindqvist"),
    _q("misspelling", "förskolärare", FORSKOLLARARE),
    _q("misspelling", "tilbud", "Tillbud och arbetsskador"),
    _q("misspelling", "medarbetarsamtall", "Medarbetarsamtal"),
    _q("misspelling", "fritidgården kulan", "Fritidsgården Kulan"),
    _q("misspelling", "hemtjänsen hagalund", "Hemtjänst Hagalund"),
    # -- synonym ------------------------------------------------------------
    _q("synonym", "vab", VAB_RULE, VAB_ANSWER, VAB_NEWS),
    _q("synonym", "vård av barn", VAB_RULE, VAB_ANSWER, VAB_NEWS),
    _q("synonym", "vabba", VAB_RULE),
    _q("synonym", "sjukskrivning", "Sjukanmälan", "Rehabilitering"),
    _q("synonym", "sjukledighet", "Sjukanmälan"),
    _q("synonym", "ATK", ATK_RULE, ATK_NEWS, ATK_ANSWER),
    _q("synonym", "atk timmar", ATK_ANSWER),
    _q("synonym", "LAS", LAS_RULE, LAS_NEWS, "Uppsägning", TO_PERMANENT),
    _q("synonym", "lagen om anställningsskydd", LAS_RULE, "Anställningsformer"),
    _q("synonym", "anställningsskyddslagen", LAS_RULE, LAS_NEWS),
    _q("synonym", "dagis", NY_I_FORSKOLAN, STUDIEDAG),
    _q("synonym", "fritids", "Fritidshemmen"),
    _q("synonym", "rehab", "Rehabilitering", "Hur startar jag en rehabilitering?"),
    _q("synonym", "träning", "Friskvårdsbidrag", FRISKVARD_NEWS),
    _q("synonym", "mammaledighet", PARENTAL, PARENTAL_ANSWER),
    _q("synonym", "pappaledig", PARENTAL),
    _q("synonym", "allmänna bestämmelser", "Ob-ersättning", "Sjuklön"),
    _q("synonym", "sjukfrånvaro lön", SJUKSKRIVEN),
    _q("synonym", "ob", "Ob-ersättning", "Hur räknas ob-tillägget?"),
    _q("synonym", "obekväm arbetstid", "Hur räknas ob-tillägget?"),
    _q("synonym", "vård av sjukt barn", VAB_NEWS, VAB_ANSWER),
    # -- name ---------------------------------------------------------------
    _q("name", "Lars Wikström", "Lars Wikström"),
    _q("name", nfd("Lars Wikström"), "Lars Wikström"),
    _q("name", nfd("Wikström"), "Lars Wikström"),
    _q("name", "Lars Wikströms", "Lars Wikström"),
    _q("name", "Åsa Karlsson", "Åsa Karlsson"),
    _q("name", nfd("Åsa Karlsson"), "Åsa Karlsson"),
    _q("name", "Åsa på Solgläntan", "Åsa Karlsson"),
    _q("name", nfd("Åsa Solgläntan"), "Åsa Karlsson"),
    _q("name", "Karin Öberg", "Karin Öberg"),
    _q("name", nfd("Karin Öbergs"), "Karin Öberg"),
    _q("name", "Öberg Ekorren", "Karin Öberg"),
    _q("name", nfd("Göran Hansson"), "Göran Hansson"),
    _q("name", "Göran på Humlan", "Göran Hansson"),
    _q("name", "Johan Ek", "Johan Ek"),
    _q("name", "Johan Eks", "Johan Ek"),
    _q("name", "Lina", "Lina Ahmed"),
    _q("name", nfd("Daniel Kovač"), "Daniel Kovač"),
    _q("name", nfd("Emma Håkansson"), "Emma Håkansson"),
    _q("name", "Håkansson kommunikationsenheten", "Emma Håkansson"),
    _q("name", "Solgläntan", "Solgläntan"),
    _q("name", nfd("Solgläntan"), "Solgläntan"),
    _q("name", "Solgläntans förskola", "Solgläntan", VATTENLACKA),
    _q("name", nfd("Blåklinten"), "Blåklinten"),
    _q("name", "Ängen", "Ängen"),
    _q("name", nfd("Lärkan"), "Lärkan"),
    _q("name", "hemtjänsten i Järvastaden", "Hemtjänst Järvastaden"),
    _q("name", nfd("Järvastadens hemtjänst"), "Hemtjänst Järvastaden"),
    _q("name", "Polhemsgården", "Polhemsgårdens boende"),
    _q("name", "Ekbacken", "Ekbackens boende"),
    _q("name", "Kulan", "Fritidsgården Kulan"),
    _q("name", nfd("Råsunda skola"), "Råsunda skola"),
    _q("name", "Skolsparven", "Skolsparvens skola"),
    _q("name", nfd("Miljöskyddsenheten"), "Miljöskyddsenheten"),
    _q("name", "Omsorgsförvaltningens", "Omsorgsförvaltningen"),
    _q(
        "name",
        "Sofia Lund HR",
        "/stadsledningsforvaltningen/staber/hr-avdelningen/sofia-lund",
    ),
)

#: The searches of the issue's "done when": what a preschool teacher types
#: on her phone, and what she expects on the first screen (any of them).
FIRST_SCREEN = {
    "förskola": (NY_I_FORSKOLAN, STUDIEDAG, UTEGARDAR),
    "ledighet": (PARENTAL, LEAVE_FORM, "Tjänstledighet", PARENTAL_ANSWER),
    "semester": ("Semester", SEMESTERDAGAR, SEMESTERPLANERING, SPARA_SEMESTER),
    "sjuk": ("Sjukanmälan", SJUKANMALER, "Sjuklön", SJUKSKRIVEN, VAB_RULE),
    "vab": (VAB_RULE, VAB_ANSWER, VAB_NEWS),
}
