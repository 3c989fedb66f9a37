#!/usr/bin/env bash
# A committee pack through the real service and the officers' tool: a clerk
# makes the same report as Markdown, CSV and HTML; Python's csv module
# reads the CSV back and every figure matches the Markdown's tables and the
# HTML's (read by Python's HTML parser); the HTML's structure is checked
# (language, headings in order, captions, header scopes, alt text on every
# chart) and axe-core, inside Debian's Chromium, finds no violation; a
# small count is "fewer than 5" and the one that would give it away is
# withheld; no word or name a person gave is in any file; the making is
# audited; a period written wrongly is refused plainly.
#
# Usage: report_e2e.sh BIN_DIR ASSETS_DIR
set -euo pipefail
bin=$1 assets=$2
source "$(dirname "$0")/lib.sh"

start_service "$assets/catalog/sample_catalog.json"   # signed in as the officer
today=$(TZ=Europe/London date +%F)

# Six complaints phoned in today: five about the Harbourside co-op, one
# about Brightwell Homes. Each names its person and says something of its own.
marker="bus-late-$RANDOM"
for i in 1 2 3 4 5 6; do
  provider=harbourside_care_coop
  [ "$i" = 6 ] && provider=brightwell_homes
  cat >"$work/c$i.json" <<JSON
{"language": "en-GB", "anonymous": false,
 "contact": {"name": "Ada Quillfeather", "phone": "01632 960123", "reply_format": "REPLY_FORMAT_PHONE"},
 "consent": {"may_contact": true, "may_quote": true}, "speaker": "SPEAKER_USES_SERVICES",
 "complaint": {"service_id": "home_care", "provider_id": "$provider",
               "what_happened": "The carer came late again $marker $i"}}
JSON
  phone_in "c$i"
done
sent_words+=("$marker" "Quillfeather" "01632 960123")

# A clerk prepares the papers.
sign_in "$admin_name" "$admin_password"
printf 'clerk long password\n' | officers_tool account create --name e2e.clerk --role clerk >/dev/null
sign_in e2e.clerk "clerk long password"
officers_tool report --period "$today..$today" --audience public --format md \
  --out "$work/pack.md" >"$work/report.out" 2>>"$work/admin.err" ||
  fail "no Markdown pack: $(tail -n 1 "$work/admin.err")"
grep -qF "wrote $work/pack.md" "$work/report.out" || fail "$(cat "$work/report.out")"
officers_tool report --period "$today..$today" --audience public --format csv \
  --out "$work/pack.csv" >/dev/null 2>>"$work/admin.err" ||
  fail "no CSV pack: $(tail -n 1 "$work/admin.err")"
officers_tool report --period "$today..$today" --audience public --format html \
  --out "$work/pack.html" >/dev/null 2>>"$work/admin.err" ||
  fail "no HTML pack: $(tail -n 1 "$work/admin.err")"
officers_tool report --period "$today..$today" --audience public --format xlsx \
  --out "$work/pack.xlsx" >/dev/null 2>>"$work/admin.err" ||
  fail "no XLSX pack: $(tail -n 1 "$work/admin.err")"
officers_tool report --period "$today..$today" --audience public --format pdf \
  --out "$work/pack.pdf" >/dev/null 2>>"$work/admin.err" ||
  fail "no PDF pack: $(tail -n 1 "$work/admin.err")"
# The PDF as a screen reader walks it: its tagged structure with the text
# of every element (poppler), and its words as pdftotext reads them.
pdfinfo -struct-text "$work/pack.pdf" >"$work/pack-struct.txt" || fail "poppler cannot read the PDF"
pdftotext "$work/pack.pdf" "$work/pack-pdf.txt" || fail "pdftotext cannot read the PDF"

grep -qF "People told us 6 things" "$work/pack.md" || fail "the total is wrong: $(head -n 20 "$work/pack.md")"
python3 - "$work/pack.md" "$work/pack.csv" "$work/pack.html" "$work/pack-struct.txt" \
  <<'PY' || fail "the formats disagree"
import csv, re, sys
from html.parser import HTMLParser
md_path, csv_path, html_path, pdf_struct_path = sys.argv[1:5]
raw = open(csv_path, "rb").read()
assert raw.startswith(b"\xef\xbb\xbf"), "no byte-order mark"
assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b""), "lines must end in CRLF"
rows = list(csv.DictReader(open(csv_path, encoding="utf-8-sig", newline="")))

# The Markdown's tables: caption -> {row label -> {column -> words}}.
tables, caption, header = {}, None, None
for line in open(md_path, encoding="utf-8"):
    line = line.rstrip("\n")
    m = re.match(r"\*\*Table: (.*)\*\*$", line)
    if m:
        caption, header = m.group(1), None
        tables[caption] = {}
        continue
    if caption and line.startswith("| "):
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if header is None:
            header = cells
        elif not all(c in ("---", "---:") for c in cells):
            label = cells[0].strip("*")
            tables[caption][label] = dict(zip(header[1:], cells[1:]))

# The HTML's tables, the same way, from <caption>, <th> and <td>.
class Tables(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tables, self.caption, self.header, self.row, self.text = {}, None, None, None, None
    def handle_starttag(self, tag, attrs):
        if tag in ("caption", "th", "td"):
            self.text = ""
        elif tag == "tr":
            self.row = []
    def handle_data(self, data):
        if self.text is not None:
            self.text += data
    def handle_endtag(self, tag):
        if tag == "caption":
            self.caption, self.header = self.text, None
            self.tables[self.caption] = {}
        elif tag in ("th", "td"):
            self.row.append(self.text.strip())
        elif tag == "tr":
            if self.header is None:
                self.header = self.row
            else:
                self.tables[self.caption][self.row[0]] = dict(zip(self.header[1:], self.row[1:]))
        if tag in ("caption", "th", "td"):
            self.text = None
parser = Tables()
parser.feed(open(html_path, encoding="utf-8").read())

# The PDF's tables from its tags: a Table's Caption, then rows (TR) of
# header (TH) and data (TD) cells, each with the text tagged inside it.
pdf_tables, caption, header, row, in_caption = {}, None, None, None, False
def end_row():
    global header, row
    if row is None:
        return
    if header is None:
        header = row
    else:
        pdf_tables[caption][row[0]] = dict(zip(header[1:], row[1:]))
    row = None
for line in open(pdf_struct_path, encoding="utf-8"):
    item = line.strip()
    if item == "Table (block)":
        end_row()
        caption, header = None, None
    elif item == "Caption":
        in_caption = True
    elif item == "TR":
        end_row()
        row = []
    elif item in ("TH:", "TD", "TH"):
        row.append("")
    elif item.startswith('"') and item.endswith('"'):
        if in_caption:
            caption, in_caption = item[1:-1], False
            pdf_tables[caption] = {}
        elif row is not None and row:
            row[-1] += item[1:-1]
    elif not item.startswith("/") and item not in ("THead", "TBody", "TFoot"):
        end_row()  # anything after a table ends its last row
end_row()

checked = 0
for r in rows:
    if r["table"] == "about":
        continue
    label = r["row"] if r["row_key"] != "(all)" else "All"
    words = tables[r["caption"]][label][r["column"]]
    assert parser.tables[r["caption"]][label][r["column"]] == words.replace("\\|", "|"), r
    assert pdf_tables[r["caption"]][label][r["column"]] == words.replace("\\|", "|"), r
    if r["suppressed"] == "small":
        assert words == "fewer than 5", (r, words)
    elif r["suppressed"] == "secondary":
        assert words == "withheld", (r, words)
    elif words.endswith("%"):
        assert abs(float(words[:-1]) - float(r["value"])) < 0.05, (r, words)
    elif re.fullmatch(r"[+-]?[0-9,]+", words):
        assert int(words.replace(",", "").replace("+", "")) == int(r["value"]), (r, words)
    else:
        assert words == r["value"], (r, words)
    checked += 1
assert checked > 50, checked

def figure(table, key, column):
    return [(r["value"], r["suppressed"]) for r in rows
            if r["table"] == table and r["row_key"] == key and r["column"] == column]
# Brightwell's one complaint is fewer than 5; the co-op's five, which with
# the total would give it away, are withheld.
assert figure("by_provider", "brightwell_homes", "This period") == [("", "small")]
assert figure("by_provider", "harbourside_care_coop", "This period") == [("", "secondary")]
assert figure("by_kind", "complaint", "This period") == [("6", "")]
assert figure("by_kind", "(all)", "This period") == [("6", "")]
print(f"e2e: {checked} figures agree between the CSV, the Markdown, the HTML and the PDF")
PY

# The XLSX, read by openpyxl (Debian's, not the writer): a sheet per table
# named as the CSV names it, the header frozen, every figure the CSV's, as
# a number where the CSV has one, and the day it was made as a date.
/usr/bin/python3 - "$work/pack.csv" "$work/pack.xlsx" "$marker" Quillfeather "01632 960123" \
  <<'PY' || fail "the XLSX and the CSV disagree"
import csv, datetime, sys, zipfile
import openpyxl
csv_path, xlsx_path, secrets = sys.argv[1], sys.argv[2], sys.argv[3:]
for name in zipfile.ZipFile(xlsx_path).namelist():
    data = zipfile.ZipFile(xlsx_path).read(name).decode("utf-8", "replace")
    for secret in secrets:
        assert secret not in data, f"the XLSX holds {secret!r} in {name}"
rows = list(csv.DictReader(open(csv_path, encoding="utf-8-sig", newline="")))
book = openpyxl.load_workbook(xlsx_path)
about = {r[0].value: r[1].value for r in book["About"].iter_rows(min_row=3) if r[0].value}
assert isinstance(about["Made"], datetime.datetime), about["Made"]
assert isinstance(about["First day"], datetime.datetime), about["First day"]
sheets, numbers = {}, 0
for r in rows:
    if r["table"] == "about":
        continue
    if r["table"] not in sheets:
        ws = book[r["table"]]
        assert ws["A1"].value == r["caption"], (ws["A1"].value, r["caption"])
        assert ws.freeze_panes == "B4", ws.freeze_panes
        header = [c.value for c in ws[3]]
        sheets[r["table"]] = {row[0].value: dict(zip(header[1:], row[1:]))
                              for row in ws.iter_rows(min_row=4) if row[0].value}
    label = r["row"] if r["row_key"] != "(all)" else "All"
    cell = sheets[r["table"]][label][r["column"]]
    if r["suppressed"]:
        assert cell.value == {"small": "fewer than 5", "secondary": "withheld"}[r["suppressed"]], r
    elif "%" in cell.number_format:
        assert round(cell.value * 100, 1) == float(r["value"]), (r, cell.value)
        numbers += 1
    elif isinstance(cell.value, (int, float)):
        assert cell.value == int(r["value"]), (r, cell.value)
        numbers += 1
    else:
        assert cell.value == r["value"], (r, cell.value)
assert numbers > 50, numbers
print(f"e2e: XLSX: {len(sheets)} sheets, {numbers} numbers, every figure the CSV's")
PY

# The HTML's structure, as a screen reader user moves through it.
python3 - "$work/pack.html" <<'PY' || fail "the HTML's structure is wrong"
import sys
from html.parser import HTMLParser
class Structure(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lang, self.title, self.headings, self.in_title = None, "", [], False
        self.tables = self.captions = self.images = self.charts = 0
        self.problems, self.last = [], None
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title":
            self.in_title = True
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        elif tag == "table":
            self.tables += 1
        elif tag == "caption":
            if self.last != "table":
                self.problems.append("a caption that is not a table's first child")
            self.captions += 1
        elif tag == "th":
            if a.get("scope") not in ("col", "row"):
                self.problems.append("a header cell without scope")
        elif tag == "img":
            self.images += 1
            if not a.get("alt", "").strip():
                self.problems.append("an image without alt text")
            if a.get("src", "").startswith("data:image/svg+xml;base64,"):
                self.charts += 1
        elif tag == "script" or (tag == "link" and "href" in a):
            self.problems.append(f"the page loads or runs something: <{tag}>")
        self.last = tag
    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
    def handle_data(self, data):
        if self.in_title:
            self.title += data
s = Structure()
s.feed(open(sys.argv[1], encoding="utf-8").read())
assert s.lang == "en-GB", s.lang
assert s.title.strip(), "no title"
assert s.headings and s.headings[0] == 1 and s.headings.count(1) == 1, s.headings
for a, b in zip(s.headings, s.headings[1:]):
    assert b <= a + 1, f"a heading skips a level: {s.headings}"
assert s.tables > 5 and s.captions == s.tables, (s.tables, s.captions)
assert s.charts >= 4 and s.images == s.charts, (s.images, s.charts)
assert not s.problems, s.problems
print(f"e2e: HTML: {len(s.headings)} headings in order, {s.tables} tables with captions, "
      f"{s.charts} charts with alt text")
PY

# axe-core inside Chromium: no violation of WCAG 2 A or AA, or of best
# practice. (A screenshot and the printed A4 are kept for a person to look.)
node "$(dirname "$0")/axe_check.mjs" "$work/pack.html" "$work/pack.png" "$work/pack-printed.pdf" \
  >"$work/axe.txt" 2>&1 || fail "axe-core: $(cat "$work/axe.txt")"
cat "$work/axe.txt"
pages=$(pdfinfo "$work/pack-printed.pdf" | sed -n 's/^Pages: *//p')
[ "${pages:-0}" -ge 3 ] || fail "the printed pack has ${pages:-no} pages"

# The PDF: A4, tagged, its charts Figures, its fonts embedded.
pdfinfo "$work/pack.pdf" >"$work/pdfinfo.txt"
grep -qF "Tagged:          yes" "$work/pdfinfo.txt" || fail "the PDF is not tagged"
grep -qF "(A4)" "$work/pdfinfo.txt" || fail "the PDF is not A4: $(cat "$work/pdfinfo.txt")"
figures=$(grep -c "^ *Figure$" "$work/pack-struct.txt" || true)
[ "${figures:-0}" -ge 4 ] || fail "the PDF has ${figures:-no} Figures"
if pdffonts "$work/pack.pdf" | tail -n +3 | awk '$(NF-4) != "yes"' | grep -q .; then
  fail "a font is not embedded: $(pdffonts "$work/pack.pdf")"
fi
pdftoppm -r 70 -png -f 1 -l 2 "$work/pack.pdf" "$work/pack-pdf" || fail "the PDF does not render"
echo "e2e: PDF: $(sed -n 's/^Pages: *//p' "$work/pdfinfo.txt") A4 pages, tagged, $figures Figures, fonts embedded"

# Nothing a person said, or who they are, is in the pack.
for secret in "$marker" "Quillfeather" "01632 960123" "came late again"; do
  if grep -qF -- "$secret" "$work/pack.md" "$work/pack.csv" "$work/pack.html" \
      "$work/pack-pdf.txt"; then
    fail "the pack holds \"$secret\""
  fi
done

# The statutory annual report: the year to 31 March that holds today, with
# regulation 18's figures for the six complaints made above.
year=$(TZ=Europe/London date +%Y)
[ "$(TZ=Europe/London date +%m)" -ge 4 ] && year=$((year + 1))
officers_tool report --annual "$year" --audience scrutiny --format md --out "$work/annual.md" \
  >/dev/null 2>>"$work/admin.err" || fail "no annual report: $(tail -n 1 "$work/admin.err")"
grep -qF "## Annual complaints report, 1 April $((year - 1)) to 31 March $year" "$work/annual.md" ||
  fail "the annual report has no statutory section: $(grep '^## ' "$work/annual.md")"
grep -qE "^\| Formal complaints received \| [0-9]+ \|" "$work/annual.md" ||
  fail "the annual report does not count complaints received"
grep -qF "Matters of general importance" "$work/annual.md" || fail "no matters of general importance"
if grep -qF "## Annual complaints report" "$work/pack.md"; then
  fail "a pack for a period has the annual report's section"
fi

# A period written wrongly is refused, saying how to write it.
if officers_tool report --period "$today" --audience forum --format md --out "$work/bad.md" \
    2>"$work/bad.err"; then
  fail "a period without its last day made a report"
fi
grep -qF "FIRST..LAST" "$work/bad.err" || fail "$(cat "$work/bad.err")"
[ ! -e "$work/bad.md" ] || fail "a refused report left a file"

# Who made which report is audited.
sign_in "$admin_name" "$admin_password"
officers_tool audit list --limit 20 >"$work/audit.txt"
grep -qF "report:AUDIENCE_PUBLIC:$today..$today" "$work/audit.txt" || fail "not audited: $(cat "$work/audit.txt")"
grep -qF "e2e.clerk" "$work/audit.txt" || fail "the audit does not name the clerk"
echo "e2e: report: Markdown, CSV, HTML, XLSX and PDF agree, axe-core passes, small numbers suppressed, nothing personal, audited"
