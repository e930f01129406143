#!/usr/bin/env python3
"""Writes a corpus of hostile inputs into a directory (at test time; nothing big is committed).

usage: make_hostile.py OUT_DIR

Every case is a sentence or page we wrote ourselves, made hostile. CASES maps each file name to what
ingest must do with it:
  "stored"   stored (perhaps repaired, with a warning naming the file)
  "refused"  refused with a message naming the file and containing `why`
  "partly"   stored, with problems (bad records) named and containing `why`
The manifest `sources.csv` (SQL metacharacters, bad dates, paths outside the corpus) and a symbolic
link pointing outside the corpus are written too; see MANIFEST_PROBLEMS and SYMLINK.
"""
import os
import sys

STORY = ("The harbour commission approved the new ferry terminal on Tuesday. "
         "\"We waited eleven years for this,\" said commissioner Dana Whitfield. "
         "The terminal will cost 48 million dollars and open in March 2027.\n\n")

SQL = "Robert'); DROP TABLE sources;-- \" OR 1=1 -- %_ \\ `x` $(touch /tmp/pwned) ;"

ZW = "\u200b\u200c\u200d\u2060\ufeff"
BIDI = "\u202e\u202d\u2066\u2067\u2068\u2069\u200e\u200f"

# name -> (bytes, expectation, why)
CASES = {}


def case(name, data, expect="stored", why=""):
    if isinstance(data, str):
        data = data.encode("utf-8")
    CASES[name] = (data, expect, why)


case("binary.txt", bytes(range(256)) * 64, "refused", "binary file")
case("elf.bin", b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 4000, "refused", "binary file")
case("nul_bytes.txt", STORY.encode() + b"\x00" * 3 + STORY.encode(), "refused", "binary file")
case("invalid_utf8.txt",
     STORY.encode() + b"Bad bytes \xff\xfe here, a lone \x80 and a cut \xe2\x82 sequence.\n", "stored")
case("overlong_utf8.txt",
     STORY.encode() + b"Overlong slash \xc0\xaf, overlong NUL \xc0\x80, surrogate \xed\xa0\x80, "
                      b"past U+10FFFF \xf4\x90\x80\x80 and \xf8\x88\x80\x80\x80.\n", "stored")
case("empty.txt", "", "refused", "empty file")
case("whitespace.txt", " \n\t\r\n  \n", "refused", "empty file")
case("quotes_million.txt", "\"" * 1_000_000, "stored")
case("curly_quotes_many.txt", STORY + "\u201c" * 200_000 + " said nobody.\n", "stored")
case("quotes_unbalanced.txt",
     STORY + "\"It will open soon, said the mayor. \u201cNobody closed this one. "
             "\u2018Single open. \"\"\"\"\" Five marks.\n" * 200, "stored")
case("quotes_nested.txt",
     STORY + ("\"He told me \u2018she said \u201cthey said \\\"" * 300) + "done" +
     ("\\\"\u201d\u2019\"" * 300) + ", the clerk said.\n", "stored")
case("zero_width_bidi.txt",
     STORY.replace("Dana", "Da" + ZW + "na").replace("Whitfield", BIDI + "Whitfield" + BIDI) +
     (ZW + BIDI) * 5000 + "\n" + "\u202eThe order of this sentence is reversed.\u202c\n", "stored")
case("control_chars.txt", STORY + "Bell \x07 and escape \x1b[31mred\x1b[0m and form feed \x0c.\n",
     "stored")
case("deep_nesting.html",
     "<!doctype html><html><body>" + "<div>" * 100_000 + "<p>" + STORY + "</p>" +
     "</div>" * 100_000 + "</body></html>", "stored")
case("deep_unclosed.html", "<html><body>" + "<b><i><p>" * 30_000 + STORY, "stored")
case("malformed.html",
     "<html><head><title>Ferry</title><meta property=\"article:published_time\" content=\"2025-02-31\">"
     "</head><body><p>" + STORY + "<p <p <<>> <a href='x </b></i></table></td><td>" + STORY +
     "<!-- unclosed comment " + STORY, "stored")
case("script.html",
     "<html><head><title>T<script>alert(1)</script></title><script>alert('head')</script>"
     "<style>body{background:url(javascript:alert(2))}</style></head><body><article>"
     "<p onclick=\"alert(3)\">" + STORY + "</p><script>document.write('XSS-SCRIPT-BODY')</script>"
     "<p><a href=\"javascript:alert(4)\">a link</a> and text &lt;script&gt;alert(5)&lt;/script&gt;.</p>"
     "<iframe src=\"javascript:alert(6)\">XSS-IFRAME</iframe><svg onload=alert(7)>XSS-SVG</svg>"
     "</article></body></html>", "stored")
case("script_text.txt",
     STORY + "The page said <script>alert('x')</script> and <img src=x onerror=alert(1)> and "
             "javascript:alert(document.cookie) in plain text.\n", "stored")
case("sql_text.txt", STORY + "The clerk typed " + SQL + " into the form.\n", "stored")
case("x'); DROP TABLE sources;--.txt", STORY, "stored")
case("sql_front_matter.md",
     "---\ntitle: \"" + SQL.replace("\"", "") + "\"\noutlet: " + SQL.replace("\"", "") +
     "\npublished: 2025-01-05\nauthor: " + SQL.replace("\"", "") + "\n---\n\n" + STORY, "stored")
case("sql_fields.jsonl",
     '{"id": "a\'; DROP TABLE claims;--", "title": "t\'--", "outlet": "o\\" OR 1=1", '
     '"published": "2025-01-05", "text": "' + STORY.replace('"', '\\"').replace("\n", "\\n") + '"}\n'
     '{"id": 7, "text": "x\'); DELETE FROM sources;--. The council met on Monday."}\n', "stored")
case("bad_jsonl.jsonl",
     '{"text": "The council met on Monday."}\n{"text": \n[1,2]\n{"id": 1.5, "text": "x"}\n'
     '{"text": ""}\n{"no_text": 1}\n' + '{"text": "' + "a" * 100 + '"' + "}" * 100_000 + "\n" +
     "[" * 100_000 + "\n" + '{"a":' * 50_000 + "\n", "partly", "invalid JSON")
case("absurd_numbers.txt",
     STORY + "The debt reached 10^400 dollars, or 999,999,999,999,999,999,999 dollars, "
             "or 1e400 euros, or 1" + "0" * 500 + " pounds, or -0.0000000000000000000000001 yen, "
             "a rise of 1.7976931348623157e309 percent and 0x7fffffffffffffff units; "
             "NaN people and inf percent. About 3" + ",000" * 200 + " residents.\n", "stored")
case("absurd_dates.txt",
     STORY + "The works ran from February 31, 2025 to 31/02/2025, then in the year 99999 and "
             "on 99999-12-31, on 0000-00-00, in 2025-13-45, on 30 February 2024, at 25:61, "
             "in the year -5000, on 29 February 2023 and 292277026596-12-04, "
             "in 1" + "9" * 40 + " and 10^400 years ago.\n", "stored")
case("many_sentences_one_line.txt", (STORY.strip() + " ") * 20_000, "stored")
case("huge_word.txt", STORY + "x" * 2_000_000 + "\n", "stored")
case("deep_markdown.md",
     "---\ntitle: Deep\n---\n\n" + ">" * 50_000 + " quoted\n\n" + "[" * 50_000 + "link" +
     "]" * 50_000 + "(javascript:alert(1))\n\n" + "*" * 50_000 + "\n\n" + STORY, "stored")
case("front_matter_only.md", "---\ntitle: Only a title\n---\n", "stored")
case("bom_only.txt", "\ufeff", "refused", "no text left")
case("utf16.txt", "\ufeff".encode("utf-16-le") + STORY.encode("utf-16-le"), "refused", "binary file")

MANIFEST_ROWS = [
    ("file", "outlet", "title", "published", "url", "note"),
    ("sql_text.txt", SQL, SQL, "2025-01-05", "https://example.org/a?id=1'--", SQL),
    ("absurd_dates.txt", "Valley", "Dates", "2025-02-31", "", ""),
    ("absurd_numbers.txt", "Valley", "Numbers", "99999-01-01", "", ""),
    ("script_text.txt", "<script>alert(1)</script>", "javascript:alert(1)", "2025-01-05",
     "javascript:alert(1)", ""),
    ("../../etc/passwd", "Evil", "", "", "", ""),
    ("/etc/passwd", "Evil", "", "", "", ""),
    ("sub/../../outside.txt", "Evil", "", "", "", ""),
    ("invalid_utf8.txt", "Bad \udcff bytes", "", "year 99999", "", ""),
]
# Substrings of the problems the manifest must report (besides the per-file ones).
MANIFEST_PROBLEMS = ["2025-02-31", "99999-01-01", "../../etc/passwd", "/etc/passwd", "sub/../../outside.txt",
                     "year 99999"]
SYMLINK = "link_out.txt"  # points at a file outside the corpus
SECRET = "SECRET-OUTSIDE-THE-CORPUS"


def csv_field(v):
    return '"' + v.replace('"', '""') + '"'


def write(out_dir):
    corpus = os.path.join(out_dir, "corpus")
    os.makedirs(corpus, exist_ok=True)
    for name, (data, _, _) in CASES.items():
        with open(os.path.join(corpus, name), "wb") as f:
            f.write(data)
    with open(os.path.join(corpus, "sources.csv"), "wb") as f:
        for row in MANIFEST_ROWS:
            f.write((",".join(csv_field(v) for v in row) + "\r\n").encode("utf-8", "surrogateescape"))
    outside = os.path.join(out_dir, "outside.txt")
    with open(outside, "w") as f:
        f.write(f"{SECRET}: this file is outside the corpus and must not be read.\n")
    os.symlink(outside, os.path.join(corpus, SYMLINK))
    # Manifests broken as a whole.
    with open(os.path.join(out_dir, "no_file_column.csv"), "w") as f:
        f.write("outlet,title\nValley,Story\n")
    with open(os.path.join(out_dir, "empty.csv"), "w") as f:
        f.write("")
    with open(os.path.join(out_dir, "binary.csv"), "wb") as f:
        f.write(b"file,outlet\n\x00\x01\x02\n")
    return corpus


if __name__ == "__main__":
    print(write(sys.argv[1]))


# Ordinary prose for the growth test: a few claims per dozen sentences, like news text.
PROSE = [
    "The river ran past the old mill and the fields beyond it.",
    "Farmers in the valley planted barley this year instead of wheat.",
    "The road to the coast was closed for repairs after the storm.",
    "A new school opened near the station in September 2024.",
    "Local shops stayed open late during the festival week.",
    "The library moved its archive to a dry basement across town.",
    "Nobody expected the bridge works to finish early.",
    "\"We are proud of what the volunteers built,\" said Mayor Elena Ruiz.",
    "The council spent 2.4 million euros on the new tram line.",
    "Children from three villages now share one bus route.",
    "The weather turned cold again by the end of the month.",
    "Visitors came from the north to see the restored chapel.",
]


def prose(n_bytes, single_line=True):
    """About n_bytes of ordinary prose, on one line (or one paragraph per sentence)."""
    sep = " " if single_line else "\n\n"
    unit = sep.join(PROSE) + sep
    return (unit * (n_bytes // len(unit) + 1))[:n_bytes]
