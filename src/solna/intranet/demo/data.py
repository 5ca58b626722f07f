"""Fictional but realistic Swedish data for Solna stad's demo intranet."""

FIRST_NAMES = (
    "Anna",
    "Eva",
    "Maria",
    "Karin",
    "Sara",
    "Lena",
    "Emma",
    "Kerstin",
    "Ingrid",
    "Malin",
    "Sofia",
    "Hanna",
    "Elin",
    "Linnea",
    "Amira",
    "Fatima",
    "Leila",
    "Johanna",
    "Camilla",
    "Åsa",
    "Lars",
    "Mikael",
    "Anders",
    "Johan",
    "Erik",
    "Per",
    "Karl",
    "Peter",
    "Thomas",
    "Daniel",
    "Ali",
    "Mohammed",
    "Omar",
    "Jonas",
    "Fredrik",
    "Magnus",
    "Oskar",
    "Emil",
    "Björn",
    "Göran",
)
LAST_NAMES = (
    "Andersson",
    "Johansson",
    "Karlsson",
    "Nilsson",
    "Eriksson",
    "Larsson",
    "Olsson",
    "Persson",
    "Svensson",
    "Gustafsson",
    "Pettersson",
    "Jonsson",
    "Jansson",
    "Hansson",
    "Bengtsson",
    "Lindberg",
    "Lindqvist",
    "Berg",
    "Holm",
    "Sandberg",
    "Ek",
    "Strand",
    "Lund",
    "Hassan",
    "Ahmed",
    "Yilmaz",
    "Nguyen",
    "Kovač",
    "Öberg",
    "Åkesson",
    "Mäkinen",
    "Håkansson",
)
STREETS = (
    "Skogsvägen",
    "Hagalundsgatan",
    "Råsundavägen",
    "Bergshamravägen",
    "Frösundaleden",
    "Solnavägen",
    "Huvudstagatan",
    "Vintervägen",
    "Ulriksdalsvägen",
    "Armégatan",
    "Östra vägen",
    "Prostvägen",
)
PRESCHOOLS = (
    "Solgläntan",
    "Regnbågen",
    "Ekorren",
    "Blåklinten",
    "Trollskogen",
    "Myran",
    "Tallkotten",
    "Humlan",
    "Lärkan",
    "Ugglan",
    "Ängen",
    "Kotten",
)
SCHOOLS = (
    "Tallbackaskolan",
    "Skolsparvens skola",
    "Råsunda skola",
    "Granbacka skola",
    "Parkskolan",
    "Bergshamra skola",
)
HOME_CARE = (
    "Hagalund",
    "Bergshamra",
    "Råsunda",
    "Huvudsta",
    "Järvastaden",
    "Frösunda",
    "Ulriksdal",
)
CARE_HOMES = (
    "Ekensbergs vård- och omsorgsboende",
    "Polhemsgårdens boende",
    "Ekbackens boende",
    "Hagalundsgårdens boende",
)
YOUTH_CENTRES = (
    "Fritidsgården Kulan",
    "Fritidsgården Ung Solna",
    "Fritidsgården Vattnet",
)

#: (title, kind, children); kinds from vocabularies.UNIT_KINDS.
ORGANISATION = (
    (
        "Barn- och utbildningsförvaltningen",
        "forvaltning",
        (
            ("Norra förskoleområdet", "avdelning", PRESCHOOLS[:9], "forskola"),
            ("Södra förskoleområdet", "avdelning", PRESCHOOLS[9:], "forskola"),
            ("Grundskolan", "avdelning", SCHOOLS, "skola"),
            (
                "Fritidshemmen",
                "avdelning",
                tuple(f"Fritidshemmet {s.split()[0]}" for s in SCHOOLS),
                "skola",
            ),
        ),
    ),
    (
        "Omsorgsförvaltningen",
        "forvaltning",
        (
            (
                "Hemtjänsten",
                "avdelning",
                tuple(f"Hemtjänst {a}" for a in HOME_CARE),
                "hemtjanst",
            ),
            ("Vård- och omsorgsboenden", "avdelning", CARE_HOMES, "boende"),
        ),
    ),
    (
        "Kultur- och fritidsförvaltningen",
        "forvaltning",
        (("Fritidsgårdarna", "avdelning", YOUTH_CENTRES, "fritidsgard"),),
    ),
    (
        "Miljö- och byggförvaltningen",
        "forvaltning",
        (
            (
                "Samhällsbyggnad",
                "avdelning",
                ("Bygglovsenheten", "Miljöskyddsenheten", "Stadsmiljöenheten"),
                "stab",
            ),
        ),
    ),
    (
        "Stadsledningsförvaltningen",
        "forvaltning",
        (
            (
                "Staber",
                "avdelning",
                (
                    "HR-avdelningen",
                    "Kommunikationsenheten",
                    "Ekonomienheten",
                    "IT-enheten",
                ),
                "stab",
            ),
        ),
    ),
)

#: Which professions work in which kind of unit (the first is the most common).
PROFESSIONS_BY_KIND = {
    "forskola": ("forskollarare", "barnskotare", "barnskotare"),
    "skola": ("grundskollarare", "grundskollarare", "fritidsledare"),
    "hemtjanst": ("underskoterska", "vardbitrade", "underskoterska"),
    "boende": ("underskoterska", "vardbitrade"),
    "fritidsgard": ("fritidsledare",),
    "stab": ("handlaggare", "hr-specialist", "kommunikator", "administrator"),
}
JOB_TITLES = {
    "forskollarare": "Förskollärare",
    "barnskotare": "Barnskötare",
    "grundskollarare": "Lärare",
    "underskoterska": "Undersköterska",
    "vardbitrade": "Vårdbiträde",
    "fritidsledare": "Fritidsledare",
    "chef": "Enhetschef",
    "handlaggare": "Handläggare",
    "hr-specialist": "HR-specialist",
    "kommunikator": "Kommunikatör",
    "administrator": "Administratör",
}
ASK_ME_ABOUT = (
    "Schemaläggning",
    "Lönesamtal",
    "Arbetsmiljöronder",
    "Språkutveckling",
    "Digitala verktyg",
    "Brandskydd",
    "Första hjälpen",
    "Rehabilitering",
    "Friskvård",
    "Nyanställdas introduktion",
    "Dokumentation",
    "Tillbud",
)

RULES = {
    "lon": (
        "Lönesättning och lönesamtal",
        "Ob-ersättning",
        "Övertidsersättning",
        "Reseersättning",
        "Lönerevision",
    ),
    "arbetstid": (
        "Arbetstid och schema",
        "Flextid",
        "Raster och pauser",
        "Jour och beredskap",
        "Arbetstidskonto (ATK)",
    ),
    "ledighet": (
        "Semester",
        "Föräldraledighet",
        "Tjänstledighet",
        "Ledighet för studier",
        "Kompledighet",
    ),
    "sjukdom": (
        "Sjukanmälan",
        "Sjuklön",
        "Rehabilitering",
        "Läkarintyg",
        "Vård av sjukt barn",
    ),
    "pension": ("Tjänstepension", "Försäkringar via arbetsgivaren", "Pensionsavgång"),
    "arbetsmiljo": (
        "Systematiskt arbetsmiljöarbete",
        "Friskvårdsbidrag",
        "Tillbud och arbetsskador",
        "Hot och våld",
    ),
    "anstallning": (
        "Anställningsformer",
        "Uppsägning",
        "Bisysslor",
        "Introduktion av nyanställda",
        "Lagen om anställningsskydd (LAS)",
    ),
    "chefsstod": (
        "Lönerevision för chefer",
        "Rehabiliteringsansvar",
        "Rekrytering",
        "Medarbetarsamtal",
        "Sjukfrånvaro i arbetsgruppen",
    ),
}
LEGAL_BASES = (
    "AB § 27",
    "Semesterlagen",
    "Lag (1991:1047) om sjuklön",
    "Arbetsmiljölagen",
    "Lokalt kollektivavtal",
    "Lag (1982:80) om anställningsskydd",
    "Föräldraledighetslagen",
)
QUESTIONS = {
    "lon": (
        "När betalas lönen ut?",
        "Hur räknas ob-tillägget?",
        "Hur överklagar jag min lön?",
        "När får jag min nya lön efter lönerevisionen?",
    ),
    "arbetstid": (
        "Hur ansöker jag om schemaändring?",
        "Räknas raster som arbetstid?",
        "Hur tar jag ut timmar från arbetstidskontot?",
    ),
    "ledighet": (
        "Hur många semesterdagar har jag?",
        "Kan jag spara semesterdagar?",
        "Hur ansöker jag om föräldraledighet?",
        "Får jag ledigt för vård av barn?",
    ),
    "sjukdom": (
        "Hur sjukanmäler jag mig?",
        "När behöver jag läkarintyg?",
        "Vad gäller när mitt barn är sjukt?",
        "Får jag lön när jag är sjukskriven?",
    ),
    "pension": (
        "Hur mycket betalar arbetsgivaren i tjänstepension?",
        "När kan jag gå i pension?",
    ),
    "arbetsmiljo": (
        "Hur rapporterar jag ett tillbud?",
        "Hur använder jag friskvårdsbidraget?",
    ),
    "anstallning": (
        "Hur säger jag upp mig?",
        "Får jag ha en bisyssla?",
        "När blir en visstidsanställning en tillsvidareanställning?",
    ),
    "chefsstod": ("Hur startar jag en rehabilitering?", "Hur går lönerevisionen till?"),
}
NEWS = (
    "Ny rutin för {x}",
    "Välkommen till {x}",
    "Frukostmöte om {x}",
    "Utbildning i {x}",
    "Nu startar arbetet med {x}",
    "Påminnelse: {x}",
    "Så blev medarbetarenkäten om {x}",
)
NEWS_SUBJECTS = (
    "brandskydd",
    "digitala verktyg",
    "språkutveckling",
    "friskvård",
    "arbetsmiljö",
    "schemaläggning",
    "första hjälpen",
    "introduktion",
    "lönerevisionen",
    "semesterplaneringen",
    "nya lokaler",
    "hot och våld",
    "kompetensutveckling",
    "trygghetsronder",
    "utomhuspedagogik",
)

#: What HR has written for each rule title: (description, text). A title
#: that is not here gets a generated one-liner.
RULE_TEXTS = {
    "Lönesättning och lönesamtal": (
        "Så sätts din lön i Solna stad: lönekriterier, lönesamtal med din chef "
        "och vart du vänder dig med frågor om lönen.",
        "<p>Din lön sätts individuellt utifrån stadens lönekriterier. Varje år "
        "har du ett lönesamtal med din chef, där ni går igenom hur du har "
        "bidragit till verksamhetens mål.</p><p>Frågor om din lön ställer du "
        "till din chef eller till HR via Fråga HR.</p>",
    ),
    "Ob-ersättning": (
        "Ersättning för obekväm arbetstid på kvällar, nätter, helger och "
        "storhelger enligt AB.",
        "<p>Ob-tillägget betalas ut per timme och varierar med tidpunkten. "
        "Storhelger som jul, nyår, påsk och midsommar ger högst tillägg.</p>",
    ),
    "Övertidsersättning": (
        "När du får övertidsersättning eller kompensationsledighet för arbete "
        "utöver din ordinarie arbetstid.",
        "<p>Övertid ska vara beordrad av din chef i förväg. Du väljer "
        "övertidsersättning i pengar eller kompensationsledighet.</p>",
    ),
    "Reseersättning": (
        "Ersättning för tjänsteresor: milersättning för egen bil, resekort och "
        "traktamente.",
        "<p>Resor i tjänsten ska i första hand göras med kollektivtrafik. "
        "Milersättning för egen bil kräver chefens godkännande.</p>",
    ),
    "Lönerevision": (
        "Den årliga lönerevisionen: lönesamtal under februari, den nya lönen "
        "betalas ut i april och gäller från den 1 april.",
        "<p>Lönerevisionen följer de centrala avtalen med Kommunal, Sveriges "
        "Lärare och Vision. Din chef bokar lönesamtalet med dig.</p>",
    ),
    "Arbetstid och schema": (
        "Ordinarie arbetstid, scheman och schemaläggning för dig som arbetar "
        "heltid eller deltid.",
        "<p>Schemat läggs för en period om fyra veckor och ska vara klart "
        "senast två veckor innan perioden börjar.</p>",
    ),
    "Flextid": (
        "Flexibel arbetstid för dig som arbetar dagtid på kontor: ramtid, "
        "kärntid och flexsaldo.",
        "<p>Flexsaldot får vara högst 40 timmar plus eller 10 timmar minus vid "
        "månadens slut.</p>",
    ),
    "Raster och pauser": (
        "Skillnaden mellan rast och paus, och vad som gäller för pedagogisk "
        "lunch på förskolorna.",
        "<p>En rast är obetald och du får lämna arbetsplatsen. Den som äter "
        "med barnen har pedagogisk lunch, som räknas som arbetstid.</p>",
    ),
    "Jour och beredskap": (
        "Regler och ersättning för jour och beredskap utanför ordinarie arbetstid.",
        "<p>Beredskap innebär att du ska kunna infinna dig på arbetsplatsen "
        "inom den tid chefen har bestämt.</p>",
    ),
    "Arbetstidskonto (ATK)": (
        "Varje år sätts arbetstidsförkortning in på ditt arbetstidskonto. Du "
        "väljer om timmarna tas ut som ledig tid, lön eller pension.",
        "<p>Valet gör du i självservice senast den 31 oktober för nästa år. "
        "Ledig tid tar du ut efter överenskommelse med din chef.</p>",
    ),
    "Semester": (
        "Du har 25 semesterdagar per år, 31 från det år du fyller 40 och 32 "
        "från det år du fyller 50. Så planerar och ansöker du om semester.",
        "<p>Sommarsemestern omfattar fyra veckor under juni–augusti. Lämna "
        "dina önskemål till din chef senast den 31 mars. Sparade dagar tar du "
        "ut efter överenskommelse.</p>",
    ),
    "Föräldraledighet": (
        "Ledighet för att vara med ditt barn: anmäl den till din chef minst "
        "två månader i förväg. Arbetsgivaren betalar föräldrapenningtillägg.",
        "<p>Du har rätt till hel ledighet tills barnet är 18 månader och "
        "därefter till ledighet med föräldrapenning. Föräldrapenningtillägget "
        "är 10 procent av lönen under 180 dagar.</p>",
    ),
    "Tjänstledighet": (
        "Ledighet utan lön för studier, för att pröva en annan anställning "
        "eller av personliga skäl.",
        "<p>Tjänstledighet beviljas av din chef efter verksamhetens behov. "
        "Ansök i god tid med Ledighetsansökan.</p>",
    ),
    "Ledighet för studier": (
        "Studieledighet enligt studieledighetslagen och betald ledighet för "
        "utbildning som arbetsgivaren beslutar om.",
        "<p>Du som har varit anställd i sex månader har rätt till "
        "studieledighet. Anmäl den minst sex månader i förväg.</p>",
    ),
    "Kompledighet": (
        "Kompensationsledighet i stället för övertidsersättning: så sparar "
        "och tar du ut kompledig tid.",
        "<p>Kompledigheten tas ut efter överenskommelse med din chef, helst "
        "inom samma år.</p>",
    ),
    "Sjukanmälan": (
        "Sjukanmäl dig till din chef före arbetspassets början den första "
        "sjukdagen. Sjukfrånvaron registreras i självservice.",
        "<p>Ring din chef eller den som chefen har utsett, så att "
        "verksamheten kan ta in en vikarie. Friskanmäl dig när du kommer "
        "tillbaka.</p>",
    ),
    "Sjuklön": (
        "Sjuklön dag 2–14 med karensavdrag, därefter sjukpenning från "
        "Försäkringskassan och sjuklönetillägg enligt AB.",
        "<p>Sjuklönen är 80 procent av lönen. Karensavdraget motsvarar 20 "
        "procent av en genomsnittlig veckas sjuklön.</p>",
    ),
    "Rehabilitering": (
        "Arbetsanpassning och rehabilitering vid upprepad eller lång "
        "sjukfrånvaro, tillsammans med din chef och företagshälsovården.",
        "<p>Efter fyra veckors sjukfrånvaro gör chefen en plan för återgång i "
        "arbete tillsammans med dig.</p>",
    ),
    "Läkarintyg": (
        "Läkarintyg behövs från den åttonde dagen i sjukperioden, eller från "
        "första dagen om chefen har begärt förstadagsintyg.",
        "<p>Skicka intyget till din chef. Intyget hanteras som en "
        "personakt och visas inte för andra.</p>",
    ),
    "Vård av sjukt barn": (
        "Tillfällig föräldrapenning när ditt barn är sjukt: anmäl vab till din "
        "chef samma morgon och till Försäkringskassan.",
        "<p>Du har rätt att vara ledig för vård av barn under 12 år. Meddela "
        "din chef före arbetspassets början, precis som vid egen sjukdom, och "
        "anmäl ledigheten i självservice.</p>",
    ),
    "Tjänstepension": (
        "Avgiftsbestämd tjänstepension AKAP-KR: arbetsgivaren betalar in en "
        "del av din lön varje månad.",
        "<p>Du väljer själv förvaltare för din pensionsavgift hos Pensionsvalet "
        "PA-KFS.</p>",
    ),
    "Försäkringar via arbetsgivaren": (
        "Trygghetsförsäkring vid arbetsskada, grupplivförsäkring och "
        "tjänstereseförsäkring genom AFA Försäkring.",
        "<p>Försäkringarna gäller alla anställda utan att du behöver anmäla dig.</p>",
    ),
    "Pensionsavgång": (
        "När och hur du går i pension: meddela din chef minst sex månader "
        "innan du vill sluta.",
        "<p>Du har rätt att stanna kvar i anställningen till 69 års ålder.</p>",
    ),
    "Systematiskt arbetsmiljöarbete": (
        "Så undersöker, riskbedömer och följer vi upp arbetsmiljön på varje "
        "arbetsplats tillsammans med skyddsombuden.",
        "<p>Arbetsmiljöronden görs minst en gång om året på varje enhet.</p>",
    ),
    "Friskvårdsbidrag": (
        "Du får upp till 3 000 kronor per år i friskvårdsbidrag för motion "
        "och friskvård, till exempel gym, simhall eller yoga.",
        "<p>Betala själv och begär ersättning i självservice med kvittot. "
        "Bidraget gäller alla tillsvidareanställda och visstidsanställda över "
        "tre månader.</p>",
    ),
    "Tillbud och arbetsskador": (
        "Anmäl tillbud och arbetsskador samma dag: chefen utreder och åtgärdar.",
        "<p>Använd blanketten Tillbud och arbetsskada. Allvarliga olyckor "
        "anmäler chefen till Arbetsmiljöverket.</p>",
    ),
    "Hot och våld": (
        "Rutin för hot och våld i arbetet: att förebygga, agera och få stöd efteråt.",
        "<p>Vid akut fara ring 112. Efteråt erbjuds du samtal med "
        "företagshälsovården.</p>",
    ),
    "Anställningsformer": (
        "Tillsvidareanställning, särskild visstidsanställning och vikariat "
        "enligt LAS och AB.",
        "<p>Huvudregeln är tillsvidareanställning. Visstidsanställningar "
        "används vid tillfälliga behov.</p>",
    ),
    "Uppsägning": (
        "Uppsägningstid när du själv säger upp dig eller blir uppsagd, enligt "
        "lagen om anställningsskydd och AB.",
        "<p>Uppsägningstiden är en till sex månader beroende på hur länge du "
        "har varit anställd.</p>",
    ),
    "Bisysslor": (
        "Bisysslor som kan skada förtroendet för kommunen är förbjudna. "
        "Anmäl varje bisyssla till din chef.",
        "<p>Chefen bedömer om bisysslan är förenlig med din anställning.</p>",
    ),
    "Introduktion av nyanställda": (
        "Introduktionsprogram för nya medarbetare: första dagen, första "
        "veckan och de första sex månaderna.",
        "<p>Varje nyanställd får en introduktionsansvarig kollega.</p>",
    ),
    "Lagen om anställningsskydd (LAS)": (
        "Turordning vid uppsägning, företrädesrätt till återanställning och "
        "när en visstidsanställning övergår i en tillsvidareanställning.",
        "<p>En särskild visstidsanställning som har varat mer än tolv månader "
        "under fem år övergår i en tillsvidareanställning.</p>",
    ),
    "Lönerevision för chefer": (
        "Chefens uppgifter i lönerevisionen: lönekartläggning, "
        "lönesättande samtal och tidplan.",
        "<p>Förslag till nya löner lämnas till HR senast den 15 mars.</p>",
    ),
    "Rehabiliteringsansvar": (
        "Chefens ansvar för arbetsanpassning och rehabilitering av "
        "medarbetare med nedsatt arbetsförmåga.",
        "<p>Ta kontakt med HR när en medarbetare har haft sex "
        "sjukfrånvarotillfällen på ett år.</p>",
    ),
    "Rekrytering": (
        "Så rekryterar du: kravprofil, annons, urval, intervjuer och referenser.",
        "<p>Alla tjänster annonseras på stadens webbplats i minst tio dagar.</p>",
    ),
    "Medarbetarsamtal": (
        "Det årliga medarbetarsamtalet om mål, utveckling och arbetsmiljö, "
        "skilt från lönesamtalet.",
        "<p>Använd stadens samtalsmall och dokumentera överenskommelserna.</p>",
    ),
    "Sjukfrånvaro i arbetsgruppen": (
        "Så följer du som chef upp korttidsfrånvaro och "
        "långtidssjukskrivningar i din arbetsgrupp.",
        "<p>Statistiken över sjukfrånvaro per enhet tas fram av HR varje månad.</p>",
    ),
}

#: HR's short answers: question -> (description, text).
ANSWER_TEXTS = {
    "När betalas lönen ut?": (
        "Lönen betalas ut den 25:e varje månad, eller vardagen före om den "
        "25:e är en helgdag.",
        "<p>Lönespecifikationen finns i självservice några dagar innan.</p>",
    ),
    "Hur räknas ob-tillägget?": (
        "Ob-tillägget räknas per timme du arbetar på obekväm arbetstid: "
        "kvällar, nätter, helger och storhelger.",
        "<p>Tilläggen för varje tidpunkt står i regeln Ob-ersättning.</p>",
    ),
    "Hur överklagar jag min lön?": (
        "Prata först med din chef. Är du inte nöjd kan din fackliga "
        "organisation begära förhandling.",
        "<p>HR kan förklara hur lönekriterierna har använts.</p>",
    ),
    "När får jag min nya lön efter lönerevisionen?": (
        "Den nya lönen betalas ut med aprillönen och gäller från den 1 april.",
        "<p>Blir lönerevisionen klar senare får du retroaktiv lön.</p>",
    ),
    "Hur ansöker jag om schemaändring?": (
        "Prata med din chef eller schemaläggaren minst två veckor innan.",
        "<p>Byten med en kollega godkänns av chefen.</p>",
    ),
    "Räknas raster som arbetstid?": (
        "Nej, rasten är obetald. Pedagogisk lunch med barnen på förskolan "
        "räknas däremot som arbetstid.",
        "<p>Korta pauser räknas som arbetstid.</p>",
    ),
    "Hur tar jag ut timmar från arbetstidskontot?": (
        "Timmarna från arbetstidsförkortningen tar du ut som ledig tid efter "
        "överenskommelse med din chef.",
        "<p>Registrera ledigheten i självservice.</p>",
    ),
    "Hur många semesterdagar har jag?": (
        "25 dagar per år, 31 från det år du fyller 40 och 32 från det år du "
        "fyller 50. Ditt saldo ser du i självservice.",
        "<p>Är du nyanställd beror antalet betalda dagar på hur länge du har "
        "arbetat under intjänandeåret.</p>",
    ),
    "Kan jag spara semesterdagar?": (
        "Ja, du kan spara de dagar som överstiger 20 per år, i högst fem år.",
        "<p>Sparade dagar tar du ut efter överenskommelse med din chef.</p>",
    ),
    "Hur ansöker jag om föräldraledighet?": (
        "Fyll i Ledighetsansökan och prata med din chef minst två månader "
        "innan ledigheten börjar.",
        "<p>Ansök om föräldrapenning hos Försäkringskassan.</p>",
    ),
    "Får jag ledigt för vård av barn?": (
        "Ja, när ditt barn under 12 år är sjukt. Ring din chef samma morgon "
        "och anmäl tillfällig föräldrapenning till Försäkringskassan.",
        "<p>Registrera ledigheten i självservice när du är tillbaka.</p>",
    ),
    "Hur sjukanmäler jag mig?": (
        "Ring din chef före arbetspassets början den första sjukdagen och "
        "registrera frånvaron i självservice.",
        "<p>Friskanmäl dig när du kommer tillbaka.</p>",
    ),
    "När behöver jag läkarintyg?": (
        "Från den åttonde dagen du är sjuk, eller från första dagen om chefen "
        "har begärt det.",
        "<p>Skicka intyget till din chef.</p>",
    ),
    "Vad gäller när mitt barn är sjukt?": (
        "Du kan vara hemma med tillfällig föräldrapenning. Meddela din chef "
        "före arbetspassets början.",
        "<p>Se regeln Vård av sjukt barn.</p>",
    ),
    "Får jag lön när jag är sjukskriven?": (
        "De första 14 dagarna får du sjuklön från arbetsgivaren, sedan "
        "sjukpenning från Försäkringskassan och ett tillägg enligt AB.",
        "<p>Första sjukdagen görs ett karensavdrag.</p>",
    ),
    "Hur mycket betalar arbetsgivaren i tjänstepension?": (
        "Arbetsgivaren betalar in sex procent av din lön varje månad till "
        "din tjänstepension.",
        "<p>På lön över 7,5 inkomstbasbelopp betalas mer.</p>",
    ),
    "När kan jag gå i pension?": (
        "Du väljer själv när du går i pension och kan stanna kvar till 69 år.",
        "<p>Meddela din chef minst sex månader i förväg.</p>",
    ),
    "Hur rapporterar jag ett tillbud?": (
        "Fyll i blanketten Tillbud och arbetsskada samma dag och berätta för din chef.",
        "<p>Chefen utreder och åtgärdar.</p>",
    ),
    "Hur använder jag friskvårdsbidraget?": (
        "Betala själv och begär ersättning med kvittot i självservice, upp "
        "till 3 000 kronor per år.",
        "<p>Gym, simhall, yoga och massage räknas som friskvård.</p>",
    ),
    "Hur säger jag upp mig?": (
        "Lämna en skriftlig uppsägning till din chef. Uppsägningstiden är en "
        "till sex månader.",
        "<p>Du får ett intyg om uppsägningen från HR.</p>",
    ),
    "Får jag ha en bisyssla?": (
        "Ja, om den inte skadar förtroendet för kommunen eller konkurrerar "
        "med den. Anmäl den till din chef.",
        "<p>Chefen bedömer varje bisyssla.</p>",
    ),
    "När blir en visstidsanställning en tillsvidareanställning?": (
        "När du har haft särskild visstidsanställning i mer än tolv månader "
        "under fem år, enligt lagen om anställningsskydd.",
        "<p>HR följer upp anställningstiden.</p>",
    ),
    "Hur startar jag en rehabilitering?": (
        "Prata med medarbetaren och kontakta HR. Gör en plan för återgång i "
        "arbete senast dag 30 av sjukfrånvaron.",
        "<p>Företagshälsovården kan stödja.</p>",
    ),
    "Hur går lönerevisionen till?": (
        "Du håller lönesättande samtal med varje medarbetare och lämnar "
        "förslag till nya löner till HR senast den 15 mars.",
        "<p>Tidplanen finns i regeln Lönerevision för chefer.</p>",
    ),
}
