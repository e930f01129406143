"""Word lists and sentence templates for gen_corpus.py (all written for this project).

Templates use str.format slots filled from one story's values (see gen_corpus.Story.slots):
  {org} {org_short} {city} {region} {body} {proj} {projs} {unit} {units} {facility} {users}
  {sector_noun} {p1} {p1_last} {p2} {p2_last} {p3} {p3_last} {p4} {p4_last} {p4_org}
  {employees} {founded} {branches} {len_km} {share} {years_ops} {done_year} {staff_new}
  {comp} {comp_city} {analyst_firm} {hearing_day}
Every number a filler sentence states is a story-level value, so two sources of one story never
disagree by accident; only the injected contradictions (gen_corpus.MUTATIONS) differ.
"""

FIRST_F = """Mira Dana Priya Hannah Sofia Elena Grace Amira Lena Nadia Julia Ingrid Chloe Maya
Rosa Alice Fatima Keiko Olga Beatrice Clara Irene Yara Leila Nora Paula Ruth Tessa Vera Zoe Anita
Carmen Diane Esther Freya Gloria Helen Isla Joanna Kirsten Lucia Marta Naomi Ophelia Petra Rachel
Selma Tanya Ursula Wendy Ada Bianca Celia Delia Edith Flora Greta Hilda""".split()
FIRST_M = """Samuel Leo Marcus Omar David Tomas Henrik Rafael Victor Daniel Hugo Felix Ivan
Jonas Karl Liam Mateo Nikolai Oscar Pablo Quentin Ravi Stefan Theo Umar Walter Xavier Yusuf Aaron
Bruno Caleb Dmitri Emil Frank George Harold Isaac Jacob Kenji Lucas Martin Noah Otto Peter Rupert
Simon Tobias Arthur Boris Colin Dennis Edwin Gavin Howard Jasper Kevin Louis Miles""".split()
LAST = """Okafor Whitfield Ortiz Raman Cole Brandt Lindqvist Moreau Novak Castillo Haddad Petrov
Nakamura Fischer Adeyemi Kowalski Rossi Svensson Mbeki Duarte Kaplan Horvath Quinn Ferreira
Yilmaz Johansson Mendes Lambert Farouk Gallagher Ivanova Jensen Kruger Laurent Mahler Nilsson
Olsen Pereira Reyes Schmidt Tanaka Urban Vargas Weber Young Zimmer Abbott Barros Carver Dimitrov
Eastwood Foster Garrido Hartley Ibsen Jovanovic Keller Lindgren Marsh Navarro Oyelaran Pryce
Qureshi Rahman Salazar Thorne Ueda Valdez Wilder Xu Yates Zeller Achebe Bakker Chandra Delacroix
Ekwueme Fontaine Greer Holloway Iqbal Jaramillo Kimura Lowell Mancini Nyberg Osei Pacheco Rourke
Sandoval Tiwari Underwood Varga Whitmore Yamada Ashworth Blackwood Carrington Drummond Ellery
Fairbairn Grimaldi Hollis Ingram Jarvis Kendrick Lockhart Merriweather Northcott Prescott
Radcliffe Stanhope Thackeray Vance Winslow""".split()
CITIES = """Harborview Millbrook Ashford Redmere Kingsport Oakhaven Clearwater Stonebridge
Fairhaven Brightwater Eastfield Westmoor Northbay Southgate Riverton Lakemont Pinecrest Elmstead
Cedarfall Maplewood Greystone Silverton Goldcrest Ironbridge Copperfield Thornbury Willowdale
Foxhollow Ravensworth Highcliff Lowestead Marshfield Windmere Ambleside Bramford Castleton
Dunmore Everleigh Glenview Hollowmere Juniper Kestrel Larkspur Moorhaven Newbury Orchard
Port Alder Queensbury Rosedale Seabrook Tidewater Upton Valemount Wexford Yarrow Zephyr""".split()
# Generated surnames (onset + ending), so that a large corpus does not reuse a small set of names
# far more often than real news does: 40 x 30 = 1,200 besides LAST.
NAME_ON = """Al Bren Cal Dor Ed Fen Gar Hal Is Jor Kel Lor Mar Nor Os Pel Quin Ros Sel Tor Ul Vel Wen
Yar Zel Ash Bel Cor Dun Elm Fair Gil Hol Ing Kin Lan Mel Ols Pen Rad""".split()
NAME_END = """ford son ley wick man by ton ard ell ine berg stead worth field more well croft bridge
ridge hurst win dale wood mont ray gate ham low shaw ter""".split()
CITY_A = """Ash Bright Cold Elm Fair Glen Green Hart High Kings Lake Lin Long Marsh Mill New North
Oak Pine Red Rose Salt Sand Silver Stone Thorn Water West White Wood Black Bram Castle Cray Dun Fern
Hazel Ivy Lark Maple Alder Birch Cobble Deer Eagle Frost Gold Heath Iron Kettle Limes Moss Nettle
Otter Pebble Quarry Reed Swan Tarn Umber Vine Wren Yew Amber Barley Clover Dove Ember Flint Garnet""".split()
CITY_B = """ford bridge field ham ton wick mouth stead bury port brook dale haven mere moor well
worth gate hill ley ington thorpe by combe den hope side field ness shot cliffe marsh holt well
minster""".split()
REGIONS = """Northern Coast|Valley|Eastern Plains|Lakeland|Highlands|Southern Delta|Western Hills|
Riverlands|Midlands|Bay Area""".replace("\n", "").split("|")
ORG_PREFIX = """Coastline Northgate Summit Bluewater Meridian Evergreen Pioneer Keystone Redwood
Horizon Crestview Granite Silverline Oakridge Lighthouse Riverbend Sterling Tristar Vanguard
Westbrook Ardent Beacon Cobalt Daybreak Emberly Frontier Glacier Halcyon Ironclad Juniper Kinetic
Lodestar Monarch Nimbus Orion Paragon Quarry Rampart Sable Tamarack Umbra Verity Wayfarer Zenith
Alder Birchwood Cascade Driftwood Everest Falcon Greenfield Harbinger Ivory Jetstream""".split()

# sector: (org suffixes, project singular/plural, unit/units, facility, users, sector noun)
SECTORS = [
    (["Rail", "Transit", "Railways"], ("rail line upgrade", "rail line upgrades"), ("train", "trains"),
     "line", "passengers", "transport"),
    (["Energy", "Power", "Renewables"], ("wind farm", "wind farms"), ("turbine", "turbines"),
     "grid", "households", "energy"),
    (["Health", "Medical", "Care"], ("hospital wing", "hospital wings"), ("bed", "beds"),
     "hospital", "patients", "health"),
    (["Water", "Utilities", "Water Services"], ("treatment plant", "treatment plants"), ("pump", "pumps"),
     "network", "homes", "water"),
    (["Logistics", "Freight", "Shipping"], ("distribution hub", "distribution hubs"), ("truck", "trucks"),
     "depot", "businesses", "logistics"),
    (["Foods", "Farms", "Growers"], ("processing plant", "processing plants"), ("production line", "production lines"),
     "plant", "customers", "food"),
    (["Telecom", "Networks", "Broadband"], ("fibre network", "fibre networks"), ("mast", "masts"),
     "network", "subscribers", "telecoms"),
    (["Housing", "Homes", "Developments"], ("housing estate", "housing estates"), ("apartment", "apartments"),
     "estate", "tenants", "housing"),
    (["Airlines", "Air", "Aviation"], ("terminal expansion", "terminal expansions"), ("aircraft", "aircraft"),
     "airport", "travellers", "aviation"),
    (["Steel", "Metals", "Foundry"], ("furnace upgrade", "furnace upgrades"), ("furnace", "furnaces"),
     "works", "workers", "steel"),
]
BODIES = ["the {region} Transport Board", "{city} City Council", "the {region} Planning Authority",
          "the Ministry of Infrastructure", "the {region} Development Agency", "the {city} Port Authority",
          "the National Investment Fund", "the {region} Regional Assembly"]
BODY_HEAD = ["chair", "chairwoman", "director", "president", "head"]  # title of p3 inside the body

# Role titles with distinct classes; ROLE_SWAP maps each to titles of another class.
P1_TITLES = ["chief executive", "chief executive officer"]
P2_TITLES = ["chief operating officer", "chief financial officer", "chief technology officer",
             "head of operations", "finance director", "operations director", "chief engineer"]
TITLE_SWAP = {
    "chief operating officer": ["chief financial officer", "chief technology officer"],
    "chief financial officer": ["chief operating officer", "chief technology officer"],
    "chief technology officer": ["chief operating officer", "chief financial officer"],
    "head of operations": ["finance director", "head of communications"],
    "finance director": ["operations director", "head of communications"],
    "operations director": ["finance director", "head of communications"],
    "chief engineer": ["chief financial officer", "finance director"],
}
P4_KIND = [("leads the residents' group", "{city} Residents Forum", "spokesperson"),
           ("heads the union", "the {sector_noun} workers' union", "general secretary"),
           ("an analyst at", "{analyst_firm}", "analyst"),
           ("a professor at", "the University of {city}", "professor"),
           ("chairs the campaign group", "{region} Watch", "chair")]
ANALYST_FIRMS = ["Halden Securities", "Mercer Lowe Capital", "Brightline Research", "Northstar Partners",
                 "Calder & Finch", "Ostrava Markets", "Pemberton Advisory", "Quillfield Bank"]

NUM_WORDS = {5: "five", 10: "ten", 15: "fifteen", 20: "twenty", 25: "twenty-five", 30: "thirty",
             35: "thirty-five", 40: "forty", 45: "forty-five", 50: "fifty", 55: "fifty-five",
             60: "sixty", 65: "sixty-five", 70: "seventy", 75: "seventy-five", 80: "eighty",
             85: "eighty-five", 90: "ninety"}
SMALL_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# Quote halves: (template, {slot: alternatives}); a quote joins two halves of one story, and
# each half names something of the story ({city}, {units}, {users}, {facility}, {org_short},
# {proj}), so unrelated stories rarely share a quote. The altered-quote mutation swaps one slot.
QUOTES = [
    ("We are not buying a {a} for {city}, we are buying {units} that already work elsewhere",
     {"a": ["prototype", "promise", "gamble", "experiment"]}),
    ("This is the most {a} decision {org_short} has taken in a generation",
     {"a": ["important", "difficult", "expensive", "popular"]}),
    ("Nobody at the {facility} loses a job, and every {w} will be {a} from the first week",
     {"w": ["driver", "worker", "engineer", "employee"], "a": ["trained", "paid", "consulted", "involved"]}),
    ("The people of {city} have waited long enough for a {a} {facility}",
     {"a": ["reliable", "cleaner", "modern", "cheaper", "safer"]}),
    ("We listened to the {w} of {city}, and we changed the plan because of what they told us",
     {"w": ["residents", "workers", "engineers", "critics", "customers"]}),
    ("I have seen many plans like this {proj}, and most of them were {a} on paper",
     {"a": ["cheaper", "simpler", "smaller", "better"]}),
    ("The numbers for the {proj} do not add up, and the {w} will end up paying for it",
     {"w": ["taxpayers", "customers", "tenants", "residents", "workers"]}),
    ("It is a {a} day for {city} and for everyone who works at the {facility}",
     {"a": ["good", "great", "proud", "historic", "hopeful"]}),
    ("Our first duty is to the {users} who rely on the {facility} every {w}",
     {"w": ["day", "morning", "week", "season"]}),
    ("{org_short} will publish every contract for the {proj}, so that anyone can check what we {a}",
     {"a": ["paid", "promised", "signed", "spent"]}),
    ("There is still a lot of {a} work ahead of us in {city}",
     {"a": ["hard", "careful", "detailed", "patient"]}),
    ("I am {a} that the money for the {proj} will be spent where it is needed most",
     {"a": ["confident", "hopeful", "worried", "doubtful"]}),
    ("The old {units} were {a}, and everyone at {org_short} knew it",
     {"a": ["broken", "outdated", "wasteful", "unsafe"]}),
    ("We expect the {facility} in {city} to be {a} before the end of the year",
     {"a": ["running", "open", "profitable", "finished"]}),
    ("Nobody asked the {w} of {city} what they wanted, and that is the real scandal",
     {"w": ["residents", "workers", "farmers", "parents", "tenants"]}),
    ("If we get the {proj} right, {city} will become a {a} example for the whole country",
     {"a": ["shining", "useful", "model", "rare"]}),
    ("The {users} of {city} deserve straight answers, not another {a} brochure",
     {"a": ["glossy", "expensive", "shiny", "vague"]}),
    ("{org_short} has been {a} from the start about the risks of the {proj}",
     {"a": ["honest", "open", "clear", "careful"]}),
    ("Every one of the new {units} has been {a} by our own engineers",
     {"a": ["tested", "inspected", "checked", "approved"]}),
    ("The {facility} was built for a {a} town than the {city} of today",
     {"a": ["smaller", "poorer", "quieter", "different"]}),
    ("We owe the {users} a {a} service, and the {proj} is how we deliver it",
     {"a": ["better", "faster", "fairer", "safer"]}),
    ("I would ask {org_short} to put the {a} of the {users} first",
     {"a": ["safety", "interests", "comfort", "health"]}),
    ("The {units} will make the {facility} {a} for a generation",
     {"a": ["quieter", "cleaner", "safer", "cheaper"]}),
    ("Nobody in {city} should have to {a} for a service that works",
     {"a": ["wait", "beg", "campaign", "pay twice"]}),
    ("The board of {org_short} looked at every option, and the {units} were the {a} choice",
     {"a": ["obvious", "cheapest", "safest", "best"]}),
    ("We will not let the {proj} become another {a} project in {city}",
     {"a": ["unfinished", "abandoned", "delayed", "forgotten"]}),
    ("The money for the {units} comes with {a} conditions",
     {"a": ["strict", "clear", "tough", "public"]}),
    ("I have worked at the {facility} for years and I have never seen the staff so {a}",
     {"a": ["hopeful", "tired", "worried", "united"]}),
    ("The {users} of {city} will notice the difference within {a}",
     {"a": ["weeks", "months", "a year", "days"]}),
    ("What {city} needs is a {facility} that runs on time, and a {a} one",
     {"a": ["clean", "quiet", "safe", "fair"]}),
    ("The risks of the {proj} have been {a} from the start",
     {"a": ["underestimated", "ignored", "exaggerated", "hidden"]}),
    ("{org_short} made a promise to {city}, and it has to {a} it",
     {"a": ["keep", "honour", "deliver", "explain"]}),
]
# Split quotes: "A," said X, "B."
SPLIT_QUOTES = [
    ("The {users} of {city} have waited a long time", "and the wait is finally {a}",
     {"a": ["over", "ending", "worth it"]}),
    ("The money for the {proj} is there", "but the {w} are not", {"w": ["engineers", "workers", "permits", "plans"]}),
    ("The new {units} are only the start", "and the {a} part comes next",
     {"a": ["hard", "expensive", "difficult", "slow"]}),
    ("{org_short} made promises to {city}", "and we intend to {a} every one of them",
     {"a": ["keep", "honour", "meet", "fulfil"]}),
    ("The {facility} is not finished", "and the {w} of {city} know it",
     {"w": ["residents", "workers", "engineers", "users"]}),
    ("We are proud of the {units}", "but we are {a} about the timetable",
     {"a": ["realistic", "careful", "honest", "nervous"]}),
    ("I grew up next to the {facility} in {city}", "and I have never seen it so {a}",
     {"a": ["busy", "neglected", "hopeful", "crowded"]}),
    ("{org_short} can build the {units}", "but can it {a} them", {"a": ["run", "staff", "afford", "maintain"]}),
    ("The {proj} has our support", "as long as the {w} are heard", {"w": ["residents", "workers", "tenants"]}),
    ("Nobody is against new {units}", "but the {w} deserve a say", {"w": ["residents", "workers", "users"]}),
    ("We have read every page of the {proj} plan", "and the {a} questions remain",
     {"a": ["same", "hard", "old", "important"]}),
    ("The {users} of {city} are not a test case", "and they should not be {a} like one",
     {"a": ["treated", "priced", "managed"]}),
]
