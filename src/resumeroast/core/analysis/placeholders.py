"""Template text left in a resume: filler, sample values, a template's own instructions, LaTeX.

Each pattern names text no real person writes about themselves ("xxx", "Your Name Here",
"github.com/username", "\\faPhone"). A masked digit run in a real number ("131-221-87xxx") is
privacy, not filler, and text that only looks odd ("{{site.baseurl}}", "Certification #
W8N7Y5W5", a literal "\\n" in YAML) matches nothing here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from resumeroast.core.analysis.wordlists import zipf


class Leftover(StrEnum):
    FILLER = "filler"  #: xxx, ???, Lorem ipsum, "Month Year", "[Company Name]"
    SAMPLE = "sample"  #: the template's sample person, contact details and links
    INSTRUCTIONS = "instructions"  #: the template talking to its user
    LATEX = "latex"  #: LaTeX commands or comments printed as text


_I = re.IGNORECASE
_PATTERNS: tuple[tuple[Leftover, re.Pattern[str]], ...] = (
    # "xxx", "XXX-XXX-XXXX", "$XX", "XX years", "20XX"; never inside a word or an address
    (Leftover.FILLER, re.compile(r"(?<![\w@.])(?:[xX]{3,}|(?:19|20)[xX]{2})(?![\w@])")),
    (
        Leftover.FILLER,
        re.compile(
            r"(?<![\w@.])\$?[xX]{1,2}\+?\s*(?:%|(?:years?|months?|yrs|anos|años|ans|Jahre|"
            r"meses|mois|Monate)\b)"
        ),
    ),
    (Leftover.FILLER, re.compile(r"(?<![?\w])\?{3,}(?![?\w])")),
    (
        Leftover.FILLER,
        re.compile(r"\blorem ipsum\b|\bdolor sit amet\b|\bconsectetur adipisc\w*", _I),
    ),
    (Leftover.FILLER, re.compile(r"\b(?:Month|MONTH|MM)\s*[ /]\s*(?:Year|YEAR|YYYY|YY)\b")),
    (
        Leftover.FILLER,
        re.compile(
            r"\[\s*(?:your|company|employer|job|position|title|name|city|state|country|date|"
            r"month|year|school|university|degree|insert|add|enter|describe|phone|email|"
            r"address|location|role|dates?|start|end|link|url|here)\b(?! protected\])"
            r"[^\]\n]{0,40}\]",
            _I,
        ),
    ),
    (
        Leftover.FILLER,
        re.compile(r"\b(?:Company|Employer|School|University|Organi[sz]ation|Job Title)\s+\d\b"),
    ),
    (Leftover.FILLER, re.compile(r"\b(?:Company|Employer|School) Name\b(?!\s*:)")),
    (Leftover.FILLER, re.compile(r"\bCity,\s*(?:State|ST|Country|COUNTRY)\b")),
    # a date pattern never filled in: "YYYY - YYYY", "DD/MM/YYYY", "MM/AAAA", "TT.MM.JJJJ"
    (
        Leftover.FILLER,
        re.compile(
            r"\b(?:YYYY|yyyy|AAAA|JJJJ|(?:DD|MM|JJ|TT)[/.-](?:MM|YY|YYYY|AA|AAAA|JJ|JJJJ))\b|"
            r"\b(?:Mês|Mes|Mois|Monat)\s*[ /]\s*(?:Ano|Año|Année|Jahr)\b"
        ),
    ),
    # a labelled field left as "XX": "Age: XX", "Years: xx"
    (Leftover.FILLER, re.compile(r"(?<=:)[ \t]*[xX]{2}(?![\w@.-])")),
    # a template's field names standing alone as a value: "Job Title | Company Name"
    (
        Leftover.FILLER,
        re.compile(
            r"(?:^|(?<=[|,·•–—]))[ \t]*(?:Full Name|First(?:name)? Last(?:name)?|Job Title|"
            r"Position Title|Role Title|University Name|School Name|Degree Name|Degree Title|"
            r"Start Date\s*[-–—]\s*End Date)[ \t]*(?=$|[|,·•–—])",
            re.MULTILINE,
        ),
    ),
    (Leftover.SAMPLE, re.compile(r"\b(?:John|Jane)\s+Doe\b", _I)),
    # the sample people and places of German and Portuguese templates, and "Your Name" in
    # French, Spanish, Portuguese and German
    (
        Leftover.SAMPLE,
        re.compile(
            r"\b(?:Max|Erika) Mustermann\b|\bMuster(?:stadt|straße|strasse|firma)\b|"
            r"\bFulano de Tal\b|\b(?:Seu|Tu|Su|Votre|Ihr) (?:Nome|Nombre|Nom|Name)\b|"
            r"\b(?:Nome|Nombre|Nom) (?:da|de la|de l'|del) ?(?:Empresa|Entreprise|Escola|Escuela|"
            r"Universidade|Universidad|Université|École)\b|\bFirmenname\b|"
            r"\b(?:Cidade|Ciudad|Ville|Stadt), (?:Estado|País|Pays|Land|UF)\b"
        ),
    ),
    (Leftover.SAMPLE, re.compile(r"\byour\b(?:[ \t]+[\w/&-]+){0,4}?[ \t]+here\b", _I)),
    (Leftover.SAMPLE, re.compile(r"\bYour (?:Full )?Name\b|\bYOUR (?:FULL )?NAME\b")),
    (
        Leftover.SAMPLE,
        re.compile(
            r"\bYour (?:Location|Address|City|Country|Phone(?: Number)?|Job Title|Title|Position|"
            r"School|University|Degree|Company|Employer|Email|E-mail|Website|Headline)\b"
        ),
    ),
    # the template's sample address: "name@domain.com", "email@email.com", "you@yourdomain.com"
    (
        Leftover.SAMPLE,
        re.compile(
            r"\b(?:name|email|user|username|first\.?last|firstname\.?lastname|you)"
            r"@(?:domain|email|yourdomain|company|website)\.com\b",
            _I,
        ),
    ),
    (
        Leftover.SAMPLE,
        re.compile(
            r"\byour[-_.]?(?:user[-_]?name|website|web[-_]?site|domain|site|id|handle|profile|"
            r"name|email|mail|company|url|link|github|linkedin|portfolio)\b",
            _I,
        ),
    ),
    (Leftover.SAMPLE, re.compile(r"(?<=[/@])(?:username|user[-_]?name|yourname|your[-_]id)\b", _I)),
    # the domains reserved for examples (RFC 2606), a profile link with no handle, TODO notes
    (Leftover.SAMPLE, re.compile(r"(?<![\w-])example\.(?:com|org|net)\b", _I)),
    (
        Leftover.SAMPLE,
        re.compile(
            r"\b(?:linkedin\.com/in|github\.com|gitlab\.com|twitter\.com|x\.com|behance\.net)"
            r"/?(?=[ \t]*(?:$|[|,;·•]))",
            _I | re.MULTILINE,
        ),
    ),
    (Leftover.FILLER, re.compile(r"\b(?:TODO|FIXME)\b")),
    (Leftover.SAMPLE, re.compile(r"\b000-00-0000\b|(?:\(\b|\b)123\)?[-. ]?456[-. ]7890\b")),
    (Leftover.SAMPLE, re.compile(r"\(?\b555\)?[-. ]?555[-. ]?5555\b")),
    (
        Leftover.INSTRUCTIONS,
        re.compile(
            r"\bwelcome to (?:your |the |this )?(?:new )?(?:resume|cv|template|rendercv)\b|"
            r"\b(?:replace|delete|remove|edit) (?:this|the) (?:sample |placeholder )?"
            r"(?:text|section|line|paragraph|sample|template|content)\b|"
            r"\b(?:click|tap) here to (?:add|edit|enter|type|replace|insert)\b|"
            r"\b(?:type|enter|insert|add) your (?:name|title|text|address|phone|email|job title|"
            r"company|summary|details|information)\b|"
            r"\b(?:use|using|customi[sz]e|edit) this (?:resume |cv )?template\b|"
            r"\b(?:insert|type|enter|write) (?:\w+ ){0,3}here\b|"
            r"\bdescribe (?:your|the) (?:responsibilities|duties|role|achievements?|"
            r"accomplishments?|experience|job)\b|"
            r"\bbullet point (?:describing|about|for|with)\b|"
            r"\b(?:digite|escreva|insira|escriba|escribe|ingrese|saisissez|insérez|écrivez|"
            r"tapez) (?:\w+ ){0,3}(?:aqui|aquí|ici)\b|\b(?:clique|haga clic|cliquez) "
            r"(?:aqui|aquí|ici)\b|\bhier (?:eingeben|einfügen|klicken)\b",
            _I,
        ),
    ),
    # a template's asides to its user, in the five languages: "(if applicable)", "(se tiver)",
    # "you can add ...", "você poderá adicionar ...", and its numbered sample projects
    (
        Leftover.INSTRUCTIONS,
        re.compile(
            r"\((?:if applicable|if any|if you have (?:one|any)|se tiver|se houver|se aplicável|"
            r"si (?:tienes|tiene|aplica|corresponde)|si applicable|le cas échéant|"
            r"falls vorhanden)\)|"
            r"(?:^\W*|\bhere |\bin this section,? )(?:you can|you may|feel free to) "
            r"(?:add|list|include|put|mention|write)\b|"
            r"\bvocê (?:pode|poderá) (?:adicionar|colocar|incluir|inserir|citar|escrever)\b|"
            r"\b(?:puedes|podrás) (?:agregar|añadir|incluir|poner|escribir)\b|"
            r"\bvous pouvez (?:ajouter|indiquer|mentionner|inclure|écrire)\b|"
            r"\bhier können Sie\b",
            _I,
        ),
    ),
    (
        Leftover.FILLER,
        re.compile(
            r"\b(?:Project Name|Nome do projeto|Nombre del proyecto|Nom du projet|Projektname)"
            r"\s+\d\b",
            _I,
        ),
    ),
    (
        Leftover.LATEX,
        re.compile(
            r"\\(?:hspace|vspace|textbf|textit|texttt|textsc|emph|href|url|section|subsection|"
            r"begin|end|textcolor|color|underline|cventry|cvitem|resumeItem|resumeSubheading|"
            r"makebox)\*?\s*[{\[]|"
            r"(?<![A-Za-z])\\(?:fa[A-Z][A-Za-z]*|hfill|vfill|noindent|newline|linebreak|item|centering|"
            r"smallskip|medskip|bigskip|qquad|quad|hskip|vskip|hrule|par|pagebreak|newpage|"
            r"clearpage|bf|it|tt|sc|rm|small|footnotesize|scriptsize|tiny|large|Large|LARGE|"
            r"huge|Huge|normalsize|selectfont)(?![A-Za-z])|"
            # any other command with a braced argument, a forced line break, an escaped sign
            r"\\[A-Za-z]{2,}\*?\{|\\\\(?:\[\d+(?:\.\d+)?(?:pt|em|ex|mm|cm)\])?(?=\s|$)|"
            r"\\[&%$#]|"
            # a stray command glued to a word ("craft \Lthose items"); not a path, not "\n"
            r"(?P<stray>(?<![\w\\:/.%~$])\\(?![ntr])[A-Za-z]{2,})"
        ),
    ),
    (Leftover.LATEX, re.compile(r"^\s*%+[ \t-]*[A-Za-z][^\d]*$")),
)

_PHONE_CHARS = set("0123456789xX()+-. ")
MIN_REAL_DIGITS = 3  #: a run of x among this many real digits is a masked number, not filler
#: Zipf frequency from which the letters after a stray backslash are a word, not a command
WORD_ZIPF = 2.0
WINDOW_CHARS = 40  #: context quoted on each side of a match in a long line


@dataclass(frozen=True, slots=True)
class Hit:
    kind: Leftover
    text: str  #: the matched text, verbatim
    quote: str  #: the match with a little context, verbatim


def find_leftovers(text: str, previous: str = "") -> list[Hit]:
    """Template leftovers in one line; `previous` is the line above (a "%" after a number
    that wrapped is a percent sign, not a comment)."""
    hits: list[Hit] = []
    taken: list[tuple[int, int]] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if any(start <= match.start() < end for start, end in taken):
                continue  # "YOUR NAME" inside "YOUR NAME HERE": one leftover
            if _only_x(match.group(0)) and _masked_number(text, match.start(), match.end()):
                continue
            if kind is Leftover.LATEX and text.lstrip().startswith("%") and _wrapped(previous):
                continue
            if kind is Leftover.LATEX and _stray_backslash(match):
                continue
            taken.append(match.span())
            hits.append(Hit(kind, match.group(0).strip(), _window(text, match)))
    return hits


def _stray_backslash(match: re.Match[str]) -> bool:
    """A backslash before a real word ("Convention,\\Philadelphia") is a stray character, not a
    command: LaTeX's glued commands make non-words ("\\Lthose")."""
    stray = match.groupdict().get("stray")
    return stray is not None and zipf(stray[1:].lower()) >= WORD_ZIPF


def _only_x(found: str) -> bool:
    return set(found.strip()) <= set("xX")


def _masked_number(text: str, start: int, end: int) -> bool:
    """ "(+86) 131-221-87xxx": x standing in for the last digits of a real phone number."""
    while start > 0 and text[start - 1] in _PHONE_CHARS:
        start -= 1
    while end < len(text) and text[end] in _PHONE_CHARS:
        end += 1
    return sum(ch.isdigit() for ch in text[start:end]) >= MIN_REAL_DIGITS


def _wrapped(previous: str) -> bool:
    return previous.rstrip()[-1:].isdigit()


def _window(text: str, match: re.Match[str]) -> str:
    if len(text) <= 2 * WINDOW_CHARS + len(match.group(0)):
        return text.strip()
    start = text.rfind(" ", 0, max(0, match.start() - WINDOW_CHARS)) + 1
    end = text.find(" ", min(len(text), match.end() + WINDOW_CHARS))
    return text[start : end if end != -1 else len(text)].strip()
