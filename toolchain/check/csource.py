"""Lexical helpers for C sources: blank out comments, string/char literals and preprocessor
lines (keeping line numbers and columns), and find function bodies."""
import re

IDENT_RE = re.compile(r"[A-Za-z_]\w*")
KEYWORDS_NOT_FUNCS = {"if", "for", "while", "switch", "return", "sizeof", "do", "else",
                      "_Alignof", "_Static_assert", "__attribute__", "__asm", "asm", "defined"}


def strip(text, keep_preprocessor=False):
    """Comments, literals (and preprocessor lines) replaced by spaces; newlines kept."""
    out = []
    i = 0
    n = len(text)
    at_line_start = True
    while i < n:
        c = text[i]
        nxt = text[i + 1] if i + 1 < n else ""
        if c == "/" and nxt == "*":
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            out.append(re.sub(r"[^\n]", " ", text[i:end]))
            i = end
            continue
        if c == "/" and nxt == "/":
            end = text.find("\n", i)
            end = n if end < 0 else end
            out.append(" " * (end - i))
            i = end
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            if j < n and text[j] == c:
                j += 1
            out.append(" " * (min(j, n) - i))
            i = min(j, n)
            continue
        if c == "#" and at_line_start and not keep_preprocessor:
            j = i
            while j < n and not (text[j] == "\n" and text[j - 1] != "\\"):
                j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j]))
            i = j
            continue
        if c == "\n":
            at_line_start = True
        elif not c.isspace():
            at_line_start = False
        out.append(c)
        i += 1
    return "".join(out)


def functions(code):
    """(name, line, body) of every top-level function definition in stripped code."""
    found = []
    depth = 0
    i = 0
    n = len(code)
    while i < n:
        c = code[i]
        if c == "{":
            if depth == 0:
                name, at = _function_name(code[:i])
                if name is not None:
                    end = _matching_brace(code, i)
                    found.append((name, code.count("\n", 0, at) + 1, code[i:end + 1]))
                    i = end + 1
                    continue
            depth += 1
        elif c == "}":
            depth = max(depth - 1, 0)
        i += 1
    return found


def _matching_brace(code, start):
    depth = 0
    for j in range(start, len(code)):
        if code[j] == "{":
            depth += 1
        elif code[j] == "}":
            depth -= 1
            if depth == 0:
                return j
    return len(code) - 1


def _function_name(before):
    """(name, offset) of a function whose body starts here, or (None, 0) (struct, ...)."""
    head = before.rstrip()
    head = re.sub(r"__attribute__\s*\(\(.*?\)\)\s*$", "", head).rstrip()
    if not head.endswith(")"):
        return None, 0
    depth = 0
    for j in range(len(head) - 1, -1, -1):
        if head[j] == ")":
            depth += 1
        elif head[j] == "(":
            depth -= 1
            if depth == 0:
                names = list(IDENT_RE.finditer(head, max(0, j - 200), j))
                if names and names[-1].group(0) not in KEYWORDS_NOT_FUNCS:
                    tail = head[:j].rstrip()
                    if tail.endswith("=") or tail.endswith(","):
                        return None, 0
                    return names[-1].group(0), names[-1].start()
                return None, 0
    return None, 0
