#!/usr/bin/env python3
"""Deterministic news corpus with known contradictions and equivalences, for benchmarks.

usage: gen_corpus.py OUT_DIR --articles N [--seed S]

Writes
  OUT_DIR/articles/sNNNNNN-<role>.md   one article per file, Markdown with front matter
  OUT_DIR/articles/sources.csv         manifest: file,outlet,title,published,url,note
  OUT_DIR/corpus.jsonl                 the same articles as JSON Lines (for `extract --jsonl`)
  OUT_DIR/truth.jsonl                  one line per injected contradiction and per equivalence

Each story is told by an original article and some of: a verbatim (syndicated) copy, a spun copy
(word swaps outside quotes), a rewrite (facts reworded, quotes kept), and one or two independent
outlets (own wording, own background sentences). Some derived or independent sources carry one
injected contradiction (truth kind "contradiction", with the finding kind crosscheck should raise):
  number_conflict     a deal amount, a percentage or a daily count changed
  date_conflict       the year of a past decision shifted
  role_conflict       a person's title changed to one of another class
  misattributed_quote a quote given to another person of the story
  altered_quote       one word inside a quote changed
Rewrites and independent sources state some facts in equivalent words that must NOT be flagged
(truth kind "equivalence"): 40 percent / forty percent, $2.5 million / 2.5 million dollars,
chief executive / boss, in July 2025 / last summer, on March 10 / on Tuesday.

Every truth line names the story, the original's file, the changed (or rewording) file, the
value as the original writes it and as the other source writes it. All text comes from the
templates in corpus_words.py and corpus_templates.py. Same --seed and --articles, same bytes.
"""
import argparse
import csv
import datetime as dt
import json
import os
import random
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_templates as T  # noqa: E402
import corpus_words as W  # noqa: E402

OUTLETS_MAIN = ["Harbor Gazette", "The Morning Ledger", "Valley Courier", "Coastal Tribune",
                "The Daily Standard", "Northern Chronicle", "Evening Dispatch", "The Civic Record",
                "Metro Observer", "The Plains Journal"]
OUTLETS_SYND = ["Newswire Digest", "Tech & Travel Digest", "Regional News Network", "Daily Briefing",
                "The Aggregator", "Business Pulse", "Headline Hub", "Newsfeed Today"]
OUTLETS_SPIN = ["NewsFlash365", "Trending Now Daily", "InfoBuzz", "Quick Reads", "ViralWire",
                "ContentStream", "DailyScoop Online", "Top Stories Hub"]
OUTLETS_REWRITE = ["The Summary Post", "Brief & Clear", "AI News Review", "Rapid Recap",
                   "Explainer Weekly", "The Condensed"]
OUTLETS_INDEP = ["{city} Herald", "The {region} Times", "{city} Evening News", "{region} Today",
                 "The {city} Observer", "{region} Business Review", "{city} Star", "The {region} Post"]

# Spinner's word swaps (applied outside quotation marks; never to names, titles or numbers).
SPIN = {"company": "firm", "said": "stated", "plan": "scheme", "plans": "schemes", "new": "fresh",
        "build": "construct", "built": "constructed", "residents": "locals", "expected": "anticipated",
        "decision": "ruling", "critics": "detractors", "warned": "cautioned", "promised": "pledged",
        "rival": "competitor", "approved": "authorised", "started": "commenced", "help": "assist",
        "questioned": "queried", "wider": "broader", "largest": "biggest", "asked": "requested",
        "work": "labour", "people": "individuals", "firms": "businesses", "closely": "carefully",
        "complained": "grumbled", "difficult": "tough", "review": "assessment", "talks": "discussions",
        "costs": "expenses", "months": "several months", "deal": "agreement", "money": "funds",
        "concerns": "worries", "cleaner": "greener", "quieter": "less noisy", "surprised": "astonished"}
SPIN_RE = re.compile(r"\b(" + "|".join(sorted(SPIN, key=len, reverse=True)) + r")\b")
QUOTE_RE = re.compile(r'"[^"]*"')


def spin_text(text):
    out, pos = [], 0
    for m in QUOTE_RE.finditer(text):
        out.append(SPIN_RE.sub(lambda w: SPIN[w.group(1)], text[pos:m.start()]))
        out.append(m.group(0))
        pos = m.end()
    out.append(SPIN_RE.sub(lambda w: SPIN[w.group(1)], text[pos:]))
    return "".join(out)


def money_text(m, style):
    """m in millions of dollars; style 'sym' ($2.5 million) or 'words' (2.5 million dollars)."""
    num = f"{m:g}"
    return f"${num} million" if style == "sym" else f"{num} million dollars"


def md(d):
    return f"{W.MONTHS[d.month - 1]} {d.day}"


class Person:
    __slots__ = ("first", "last", "she")

    def __init__(self, first, last, she):
        self.first, self.last, self.she = first, last, she

    @property
    def full(self):
        return f"{self.first} {self.last}"

    @property
    def pron(self):
        return "she" if self.she else "he"


def surname(rng):
    if rng.random() < 0.3:
        return rng.choice(W.LAST)
    return rng.choice(W.NAME_ON) + rng.choice(W.NAME_END)


def new_person(rng, used_last):
    while True:
        last = surname(rng)
        if last not in used_last:
            used_last.add(last)
            break
    she = rng.random() < 0.5
    return Person(rng.choice(W.FIRST_F if she else W.FIRST_M), last, she)


VARIANTS = ("lead", "ceo", "bg", "count")  # key sentences written one of three ways


class Story:
    """One news event and its fixed values; every source of the story renders from these."""

    def __init__(self, sid, rng):
        self.sid = sid
        self.rng = rng
        sector = rng.choice(W.SECTORS)
        suffixes, (proj, projs), (unit, units), facility, users, sector_noun = sector
        prefix = rng.choice(W.ORG_PREFIX) if rng.random() < 0.3 else surname(rng)
        self.org = f"{prefix} {rng.choice(suffixes)}"
        comp_prefix = surname(rng)
        while comp_prefix == prefix:
            comp_prefix = surname(rng)
        self.city = rng.choice(W.CITY_A) + rng.choice(W.CITY_B)
        self.region = rng.choice(W.REGIONS)
        self.body = rng.choice(W.BODIES).format(city=self.city, region=self.region)
        used = set()
        self.p1, self.p2, self.p3, self.p4 = (new_person(rng, used) for _ in range(4))
        self.p1_title = rng.choice(W.P1_TITLES)
        self.p2_title = rng.choice(W.P2_TITLES)
        self.p3_title = rng.choice(W.BODY_HEAD)
        analyst_firm = rng.choice(W.ANALYST_FIRMS)
        kind = rng.randrange(5)
        self.p4_desc = [f"who leads the {self.city} Residents Forum",
                        f"the general secretary of the {sector_noun} workers' union",
                        f"an analyst at {analyst_firm}",
                        f"a professor at the University of {self.city}",
                        f"who chairs the campaign group {self.region} Watch"][kind]
        # dates: the event is the day before the original is published
        self.pub = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(365 * 6))
        self.event = self.pub - dt.timedelta(days=1)
        self.bg_year = self.pub.year - rng.choice([1, 1, 2])
        self.bg_month = rng.randrange(1, 13)
        self.done_year = self.pub.year + rng.randrange(1, 5)
        # numbers
        self.money = rng.choice([rng.randrange(12, 950), rng.randrange(15, 95) / 10])
        self.pct = rng.choice(list(W.NUM_WORDS))
        self.count = rng.randrange(10, 900) * 100
        self.n_units = rng.randrange(4, 60)
        self.support = rng.randrange(11, 89)
        self.review_years = rng.choice(W.SMALL_WORDS[:4])
        self.slots = dict(
            org=self.org, org_short=prefix, city=self.city, region=self.region, body=self.body,
            proj=proj, projs=projs, unit=unit, units=units, facility=facility, users=users,
            sector_noun=sector_noun, p1=self.p1.full, p1_last=self.p1.last, p2=self.p2.full,
            p2_last=self.p2.last, p3=self.p3.full, p3_last=self.p3.last, p4=self.p4.full,
            p4_last=self.p4.last, employees=rng.randrange(3, 400) * 50, founded=rng.randrange(1890, 2010),
            branches=rng.randrange(3, 40), share=rng.randrange(5, 60), years_ops=rng.randrange(12, 70),
            done_year=self.done_year, staff_new=rng.randrange(2, 90) * 10,
            comp=f"{comp_prefix} {rng.choice(suffixes)}", comp_city=rng.choice(W.CITY_A) + rng.choice(W.CITY_B),
            analyst_firm=analyst_firm, hearing_day=rng.choice(W.WEEKDAYS[:5]))
        # quotes: q1, q5 by p1; q2 by p2; q4 by p3; q3 (split) and q6 by p4
        qs = rng.sample(W.QUOTES, 10)
        self.quotes = {name: self._quote(qs[2 * i], qs[2 * i + 1])
                       for i, name in enumerate(["q1", "q2", "q4", "q5", "q6"])}
        st = rng.choice(W.SPLIT_QUOTES)
        self.split = (st[0], st[1], st[2], {k: rng.choice(v) for k, v in st[2].items()})
        self.filler = self.new_filler(rng, rng.randrange(26, 44))
        self.var = {k: rng.randrange(3) for k in VARIANTS}

    def _quote(self, t1, t2):
        """Two quote halves joined; slot names get the half's number (a -> a1, a2)."""
        text = (re.sub(r"\{(a|w)\}", r"{\g<1>1}", t1[0]) + ". " +
                re.sub(r"\{(a|w)\}", r"{\g<1>2}", t2[0]))
        alts = {k + "1": v for k, v in t1[1].items()}
        alts.update({k + "2": v for k, v in t2[1].items()})
        pick = {k: self.rng.choice(v) for k, v in alts.items()}
        return (text, alts, pick)

    def quote_text(self, name, pick=None):
        text, alts, p = self.quotes[name]
        return text.format(**self.slots, **(pick or p))

    def split_text(self, pick=None):
        a, b, alts, p = self.split
        return a.format(**self.slots), b.format(**self.slots, **(pick or p))

    @staticmethod
    def new_filler(rng, n):
        """n background sentences as (opener, content, tail): content is a clause index (a
        quarter of them, distinct) or a (subject, predicate, object) triple."""
        nc = n // 4
        out = [(rng.randrange(len(T.OPENERS)), c, rng.randrange(len(T.TAILS)))
               for c in rng.sample(range(len(T.CLAUSES)), nc)]
        out += [(rng.randrange(len(T.OPENERS)), (rng.randrange(len(T.SUBJECTS)),
                 rng.randrange(len(T.PREDICATES)), rng.randrange(len(T.OBJECTS))),
                 rng.randrange(len(T.TAILS))) for _ in range(n - nc)]
        rng.shuffle(out)
        return out

    def filler_text(self, f):
        o, c, t = f
        if isinstance(c, tuple):
            body = T.SUBJECTS[c[0]] + " " + T.PREDICATES[c[1]].replace("{o}", T.OBJECTS[c[2]])
        else:
            body = T.CLAUSES[c]
        s = (T.OPENERS[o] + body + T.TAILS[t]).format(**self.slots)
        return s[0].upper() + s[1:] + "."


# Mutations: name -> (finding kind, applies to styles)
MUTATIONS = {
    "money": "number_conflict", "pct": "number_conflict", "count": "number_conflict",
    "bg_year": "date_conflict", "p2_title": "role_conflict",
    "q2_speaker": "misattributed_quote", "q1_word": "altered_quote", "q5_word": "altered_quote",
}


def changed_number(rng, v, integer=True):
    for _ in range(20):
        f = rng.choice([1.5, 2, 3, 0.5, 0.4])
        w = int(round(v * f)) if integer else round(v * f, 1)
        if w != v and w > 0:
            return w
    return v + 1


class Facts:
    """The values one source states: the story's, with at most one mutation applied."""

    def __init__(self, st):
        self.money, self.pct, self.count = st.money, st.pct, st.count
        self.bg_year, self.p2_title = st.bg_year, st.p2_title
        self.q2_speaker = None  # None: the pronoun for p2
        self.q1_pick = self.q5_pick = None


def mutate(st, rng, name, facts):
    """Apply mutation `name` to facts; return (original text, changed text) or None."""
    if name == "money":
        facts.money = changed_number(rng, st.money, integer=st.money >= 12)
        return money_text(st.money, "sym"), money_text(facts.money, "sym")
    if name == "pct":
        facts.pct = rng.choice([p for p in W.NUM_WORDS if abs(p - st.pct) >= 15])
        return f"{st.pct} percent", f"{facts.pct} percent"
    if name == "count":
        facts.count = changed_number(rng, st.count // 100) * 100
        return f"{st.count:,}", f"{facts.count:,}"
    if name == "bg_year":
        facts.bg_year = st.bg_year + rng.choice([-1, -2, 1]) if st.bg_year < st.pub.year - 1 else st.bg_year - 1
        m = W.MONTHS[st.bg_month - 1]
        return f"{m} {st.bg_year}", f"{m} {facts.bg_year}"
    if name == "p2_title":
        facts.p2_title = rng.choice(W.TITLE_SWAP[st.p2_title])
        return st.p2_title, facts.p2_title
    if name == "q2_speaker":
        other = rng.choice([st.p1, st.p3])
        facts.q2_speaker = other
        return st.p2.full, other.full
    if name in ("q1_word", "q5_word"):
        q = name[:2]
        text, alts, pick = st.quotes[q]
        slot = rng.choice(sorted(alts))
        new = dict(pick)
        new[slot] = rng.choice([w for w in alts[slot] if w != pick[slot]])
        setattr(facts, q + "_pick", new)
        return pick[slot], new[slot]
    raise ValueError(name)


def cap(s):
    return s[0].upper() + s[1:]


def title_case(t):
    return " ".join(w if w in ("of",) else w[0].upper() + w[1:] for w in t.split())


def key_units(st, style, f, eq, var):
    """The claim-bearing sentences of one source, as units (lists of sentences kept together)."""
    s = st.slots
    p1, p2, p3, p4 = st.p1, st.p2, st.p3, st.p4
    date = W.WEEKDAYS[st.event.weekday()] if "weekday" in eq else md(st.event)
    money = money_text(f.money, "words" if "money_words" in eq else "sym")
    if "pct_words" in eq:
        pct = f"{W.NUM_WORDS[f.pct]} percent"
    else:
        pct = f"{f.pct} percent" if style == "orig" else f"{f.pct}%"
    p1_title = "boss" if "boss" in eq else st.p1_title
    month = W.MONTHS[st.bg_month - 1]
    when = "last summer" if "summer" in eq else f"in {month} {f.bg_year}"
    q1 = st.quote_text("q1", f.q1_pick)
    q2 = st.quote_text("q2")
    q2_by = f.q2_speaker.last if f.q2_speaker else p2.pron
    sa, sb = st.split_text()
    split = f'"{sa}," said {p4.full}, {st.p4_desc}, "{sb}."'
    if style == "orig":
        lead = [f"{st.org} will spend {money} on new {s['units']} for its {s['facility']} in {st.city}, "
                f"the company said on {date}.",
                f"{st.org} said on {date} it had agreed to spend {money} on new {s['units']} for the "
                f"{s['facility']} it runs in {st.city}.",
                f"On {date}, {st.org} announced an order for new {s['units']} worth {money} for its "
                f"{s['facility']} in {st.city}."][var["lead"]]
        ceo = [f"The company's {p1_title}, {p1.full}, said the new {s['units']} would cut running costs "
               f"by {pct}.",
               f"{p1.full}, who is {st.org}'s {p1_title}, expects running costs to drop by {pct} once the "
               f"{s['units']} are in service.",
               f"Running costs should fall by {pct}, according to {p1.full}, the {p1_title} of "
               f"{st.org}."][var["ceo"]]
        bg = [f"In {month} {f.bg_year}, {st.body} approved the {s['proj']} in {st.city} after a "
              f"{st.review_years}-year review.",
              f"{cap(st.body)} signed off on the {s['proj']} in {st.city} in {month} {f.bg_year}, after "
              f"reviewing it for {st.review_years} years.",
              f"The {s['proj']} for {st.city} won the approval of {st.body} in {month} {f.bg_year}, at the "
              f"end of a {st.review_years}-year review."][var["bg"]]
        count = [f"The {s['facility']} serves about {f.count:,} {s['users']} a day.",
                 f"About {f.count:,} {s['users']} depend on the {s['facility']} on a typical day.",
                 f"On an average day, the {s['facility']} handles about {f.count:,} {s['users']}."][var["count"]]
        units = [
            [lead, ceo, f'"{q1}," {p1.last} said.'],
            [bg, f'"{st.quote_text("q4")}," said {p3.full}, the {st.p3_title} of {st.body}.'],
            [f"{st.org} {title_case(f.p2_title)} {p2.full} said the first of the {st.n_units} {s['units']} "
             f"would arrive by {st.done_year}.", f'"{q2}," {q2_by} said.'],
            [count,
             f"According to a survey commissioned by {st.body}, {st.support} percent of {s['users']} "
             f"in {st.city} support the plan."],
            [split],
            [f'"{st.quote_text("q5", f.q5_pick)}," {p1.last} told reporters.'],
            [f'"{st.quote_text("q6")}," {p4.last} said.'],
        ]
    elif style == "rewrite":
        units = [
            [f"{st.org} said on {date} that it would buy new {s['units']} for its {s['facility']} in "
             f"{st.city} for {money}."],
            [f"{p1.full}, the {s['org_short']} {p1_title}, said running costs would fall by {pct}.",
             f'"{q1}," said {p1.last}.'],
            [f"{cap(st.body)} gave its approval to the {s['proj']} in {st.city} {when}, following a review that lasted "
             f"{st.review_years} years."],
            [f"The first of the {st.n_units} {s['units']} will arrive by {st.done_year}, said {p2.full}, "
             f"the {f.p2_title} of {st.org}.", f'"{q2}," {q2_by} said.'],
            [f"Around {f.count:,} {s['users']} use the {s['facility']} every day."],
            [f'{p3.full}, the {st.p3_title} of {st.body}, said: "{st.quote_text("q4")}."'],
            [split],
        ]
    else:  # indep
        units = [
            [f"{st.org} is to invest {money} in new {s['units']} for the {s['facility']} in {st.city}, "
             f"the company announced on {date}."],
            [f"{p1.full}, the {p1_title} of {st.org}, told reporters the {s['units']} would lower running "
             f"costs by {pct}.", f'"{q1}," {p1.last} said.'],
            [f"The {s['proj']} in {st.city} was cleared by {st.body} {when} after a {st.review_years}-year review."],
            [f"Some {f.count:,} {s['users']} rely on the {s['facility']} each day."],
            [f"{p2.full}, the {f.p2_title} of {st.org}, said the {s['units']} would arrive by "
             f"{st.done_year}.", f'"{q2}," {q2_by} added.'],
            [f'"{st.quote_text("q4")}," {p3.full}, the {st.p3_title} of {st.body}, told the outlet.'],
            [split],
        ]
    return units


def assemble(rng, units, filler):
    """Interleave claim units and background sentences into paragraphs of 1 to 3 sentences."""
    paras = []
    fi = 0
    per = max(1, len(filler) // (len(units) + 1))
    for i, u in enumerate(units):
        paras.append(" ".join(u))
        take = filler[fi:fi + per] if i < len(units) - 1 else filler[fi:]
        fi += len(take)
        j = 0
        while j < len(take):
            k = rng.randrange(1, 4)
            paras.append(" ".join(take[j:j + k]))
            j += k
    return "\n\n".join(paras)


ROLES = ["orig", "copy", "spin", "rewrite", "indep1", "indep2"]
STYLE = {"orig": "orig", "copy": "orig", "spin": "orig", "rewrite": "rewrite", "indep1": "indep",
         "indep2": "indep"}
MUT_FOR = {"orig": list(MUTATIONS), "rewrite": [m for m in MUTATIONS if m != "q5_word"],
           "indep": [m for m in MUTATIONS if m != "q5_word"]}
# equivalence -> (finding kind it must not raise, fact it rewords)
EQUIV = {"pct_words": ("number_conflict", "pct"), "money_words": ("number_conflict", "money"),
         "boss": ("role_conflict", "p1_title"), "summer": ("date_conflict", "bg_year"),
         "weekday": ("date_conflict", "event")}


def slug(s):
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def story_sources(sid, seed):
    """Yield (role, outlet, published or None, title, text, note) and truth lines of story sid."""
    rng = random.Random(seed * 1_000_003 + sid)
    st = Story(sid, rng)
    roles = ["orig"]
    for r, p in (("copy", 0.8), ("spin", 0.6), ("rewrite", 0.7)):
        if rng.random() < p:
            roles.append(r)
    roles += ["indep1"] if rng.random() < 0.6 else ["indep1", "indep2"]
    outlets = {"orig": rng.choice(OUTLETS_MAIN), "copy": rng.choice(OUTLETS_SYND),
               "spin": rng.choice(OUTLETS_SPIN), "rewrite": rng.choice(OUTLETS_REWRITE)}
    ind = rng.sample(OUTLETS_INDEP, 2)
    outlets["indep1"] = ind[0].format(city=st.city, region=st.region)
    outlets["indep2"] = ind[1].format(city=st.city, region=st.region)
    name = {r: f"s{sid:06d}-{r}.md" for r in roles}
    orig_file = name["orig"]
    used_mut = set()
    sources, truth = [], []
    for role in roles:
        style = STYLE[role]
        f = Facts(st)
        mut = None
        if role != "orig" and rng.random() < 0.45:
            choices = [m for m in MUT_FOR[style] if m not in used_mut]
            if choices:
                mut = rng.choice(choices)
                used_mut.add(mut)
                a, b = mutate(st, rng, mut, f)
                truth.append({"type": "contradiction", "story": sid, "kind": MUTATIONS[mut], "fact": mut,
                              "original_file": orig_file, "changed_file": name[role], "role": role,
                              "original": a, "changed": b})
        if role == "orig":
            pub = st.pub
        elif role == "copy":
            pub = None if rng.random() < 0.25 else st.pub
        elif role == "spin":
            pub = st.pub + dt.timedelta(days=1)
        elif role == "rewrite":
            pub = st.pub + dt.timedelta(days=rng.randrange(0, 3))
        else:
            pub = st.pub + dt.timedelta(days=rng.randrange(0, 6))
        eq = set()
        if style != "orig":
            if rng.random() < 0.5 and mut != "pct":
                eq.add("pct_words")
            if rng.random() < 0.4 and mut != "money":
                eq.add("money_words")
            if rng.random() < 0.5:
                eq.add("boss")
            if (mut != "bg_year" and 6 <= st.bg_month <= 8 and pub.month <= 5
                    and st.bg_year == pub.year - 1):
                eq.add("summer")
            if 1 <= (pub - st.event).days <= 6 and rng.random() < 0.6:
                eq.add("weekday")
        for e in sorted(eq):
            kind, _ = EQUIV[e]
            orig_v, new_v = {
                "pct_words": (f"{st.pct} percent", f"{W.NUM_WORDS[st.pct]} percent"),
                "money_words": (money_text(st.money, "sym"), money_text(st.money, "words")),
                "boss": (st.p1_title, "boss"),
                "summer": (f"{W.MONTHS[st.bg_month - 1]} {st.bg_year}", "last summer"),
                "weekday": (md(st.event), W.WEEKDAYS[st.event.weekday()]),
            }[e]
            truth.append({"type": "equivalence", "story": sid, "kind": kind, "fact": e,
                          "original_file": orig_file, "changed_file": name[role], "role": role,
                          "original": orig_v, "changed": new_v})
        var = st.var if style == "orig" else {k: rng.randrange(3) for k in VARIANTS}
        units = key_units(st, style, f, eq, var)
        if role in ("orig", "copy", "spin"):
            filler = [st.filler_text(x) for x in st.filler]
            title = [f"{st.org} picks new {st.slots['units']} for its {st.slots['facility']} in {st.city}",
                     f"{st.city} {st.slots['facility']} to get new {st.slots['units']} in {st.org} order",
                     f"{st.org} orders {st.slots['units']} as {st.city} {st.slots['facility']} is upgraded",
                     f"{st.org} bets on new {st.slots['units']} in {st.city}"][st.var["lead"] + (sid % 2)]
        elif role == "rewrite":
            keep = rng.sample(st.filler, max(8, int(len(st.filler) * rng.uniform(0.6, 0.85))))
            filler = [st.filler_text((rng.randrange(len(T.OPENERS)), c, rng.randrange(len(T.TAILS))))
                      for _, c, _ in keep]
            title = [f"{st.city} to get new {st.slots['units']} from {st.org}",
                     f"What the {st.org} order means for {st.city}",
                     f"{st.org} and the {st.slots['proj']} in {st.city}: the essentials"][var["lead"]]
        else:
            filler = [st.filler_text(x) for x in Story.new_filler(rng, rng.randrange(22, 38))]
            title = [f"New {st.slots['units']} for {st.city} as {st.org} signs deal",
                     f"{st.org} commits to {st.city} with {st.slots['units']} order",
                     f"{st.city} welcomes {st.org} plan, with reservations"][var["lead"]]
        text = assemble(rng, units, filler)
        if role == "spin":
            text, title = spin_text(text), spin_text(title)
        if role != "orig" and STYLE[role] == "orig" or role == "rewrite":
            truth.append({"type": "derived", "story": sid, "kind": "derived_copy", "fact": role,
                          "original_file": orig_file, "changed_file": name[role], "role": role})
        note = {"orig": "original", "copy": "syndicated copy", "spin": "spun copy", "rewrite": "rewrite"}.get(
            role, "independent outlet")
        if mut:
            note += f"; injected {MUTATIONS[mut]} ({mut})"
        sources.append((name[role], outlets[role], pub, title, text, note))
    return sources, truth


def generate(out, articles, seed=1, progress=False):
    """Write the corpus of at least `articles` articles (whole stories) to directory `out`."""
    adir = os.path.join(out, "articles")
    os.makedirs(adir, exist_ok=True)
    n = sid = 0
    nbytes = 0
    with open(os.path.join(adir, "sources.csv"), "w", newline="", encoding="utf-8") as man, \
            open(os.path.join(out, "corpus.jsonl"), "w", encoding="utf-8") as jl, \
            open(os.path.join(out, "truth.jsonl"), "w", encoding="utf-8") as tr:
        w = csv.writer(man)
        w.writerow(["file", "outlet", "title", "published", "url", "note"])
        while n < articles:
            sources, truth = story_sources(sid, seed)
            for file, outlet, pub, title, text, note in sources:
                pubs = pub.isoformat() if pub else ""
                url = f"https://{slug(outlet)}.example/{slug(title)}-{sid}"
                fm = [f"title: {title}", f"outlet: {outlet}"] + ([f"published: {pubs}"] if pub else []) + \
                     [f"url: {url}"]
                with open(os.path.join(adir, file), "w", encoding="utf-8") as fh:
                    fh.write("---\n" + "\n".join(fm) + "\n---\n\n# " + title + "\n\n" + text + "\n")
                w.writerow([file, outlet, title, pubs, url, note])
                rec = {"id": file, "title": title, "outlet": outlet, "url": url, "text": text}
                if pub:
                    rec["published"] = pubs
                jl.write(json.dumps(rec, ensure_ascii=False) + "\n")
                nbytes += len(text.encode("utf-8"))
                n += 1
            for t in truth:
                tr.write(json.dumps(t) + "\n")
            sid += 1
            if progress and sid % 2000 == 0:
                print(f"  {n} articles", file=sys.stderr)
    with open(os.path.join(out, "DONE"), "w") as fh:
        json.dump({"articles": n, "stories": sid, "text_bytes": nbytes, "seed": seed}, fh)
    return n, sid, nbytes


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--articles", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n, stories, nbytes = generate(args.out, args.articles, args.seed, progress=True)
    print(f"{n} articles, {stories} stories, {nbytes / 1e6:.1f} MB of text in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
