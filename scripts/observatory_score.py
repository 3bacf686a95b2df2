"""The HTTP Observatory's score of one response's headers, by its published scoring (the tests
that headers decide: CSP, cookies, CORS, Referrer-Policy, HSTS, SRI for same-origin scripts,
X-Content-Type-Options, X-Frame-Options). Used by tests/test_security_headers.py; run it against
a deployed site with `python scripts/observatory_score.py https://site.example/en/`.

Every site starts at 100; penalties apply, bonuses only when the score without them is 90 or more;
100 or more is A+."""

import re
import sys
import urllib.request

GRADES = [(100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"), (50, "C")]


def parse_csp(value):
    policy = {}
    for part in (value or "").split(";"):
        words = part.split()
        if words:
            policy.setdefault(words[0].lower(), [word.lower() for word in words[1:]])
    return policy


def csp_modifier(value):
    if not value:
        return -25, "csp-not-implemented"
    policy = parse_csp(value)
    default = policy.get("default-src", [])
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    if "'unsafe-inline'" in script or not script and "'unsafe-inline'" in default:
        return -20, "csp-implemented-with-unsafe-inline"
    if any(re.match(r"http:|\*", source) for sources in policy.values() for source in sources):
        return -20, "csp-implemented-with-insecure-scheme"
    if "'unsafe-eval'" in script:
        return -10, "csp-implemented-with-unsafe-eval"
    if "'unsafe-inline'" in style:
        return 0, "csp-implemented-with-unsafe-inline-in-style-src-only"
    if default == ["'none'"]:
        return 10, "csp-implemented-with-no-unsafe-default-src-none"
    return 5, "csp-implemented-with-no-unsafe"


def cookie_modifier(set_cookie_headers):
    if not set_cookie_headers:
        return 0, "cookies-not-found"
    lowered = [header.lower() for header in set_cookie_headers]
    if not all("secure" in header for header in lowered):
        return -20, "cookies-without-secure-flag"
    if all("samesite" in header for header in lowered):
        return 5, "cookies-secure-with-httponly-sessions-and-samesite"
    return 0, "cookies-secure-with-httponly-sessions"


def score(headers, html="", set_cookie_headers=()):
    """headers: a case-insensitive mapping. Returns (score, grade, [(modifier, name)])."""
    results = [csp_modifier(headers.get("Content-Security-Policy")), cookie_modifier(list(set_cookie_headers))]

    allow_origin = headers.get("Access-Control-Allow-Origin")
    results.append((-50, "cors-universal-access") if allow_origin == "*" else (0, "cors-not-implemented"))

    referrer = (headers.get("Referrer-Policy") or "").split(",")[-1].strip().lower()
    if referrer in {"no-referrer", "same-origin", "strict-origin", "strict-origin-when-cross-origin"}:
        results.append((5, "referrer-policy-private"))
    elif referrer in {"origin-when-cross-origin", "origin", "no-referrer-when-downgrade", "unsafe-url"}:
        results.append((-5, "referrer-policy-unsafe"))
    else:
        results.append((0, "referrer-policy-not-implemented"))

    hsts = re.search(r"max-age=(\d+)", headers.get("Strict-Transport-Security") or "")
    if not hsts:
        results.append((-20, "hsts-not-implemented"))
    elif int(hsts.group(1)) < 15768000:
        results.append((-10, "hsts-implemented-max-age-less-than-six-months"))
    else:
        results.append((0, "hsts-implemented-max-age-at-least-six-months"))

    external = re.findall(r"<script[^>]+src=[\"'](?:https?:)?//", html)
    results.append((-5, "sri-not-implemented-external-scripts") if external else (0, "sri-not-needed-same-origin"))

    nosniff = (headers.get("X-Content-Type-Options") or "").strip().lower() == "nosniff"
    results.append(
        (0, "x-content-type-options-nosniff") if nosniff else (-5, "x-content-type-options-not-implemented")
    )

    if "frame-ancestors" in parse_csp(headers.get("Content-Security-Policy")):
        results.append((5, "x-frame-options-implemented-via-csp"))
    elif (headers.get("X-Frame-Options") or "").upper() in {"DENY", "SAMEORIGIN"}:
        results.append((0, "x-frame-options-sameorigin-or-deny"))
    else:
        results.append((-20, "x-frame-options-not-implemented"))

    base = 100 + sum(modifier for modifier, _name in results if modifier < 0)
    total = base + (sum(modifier for modifier, _name in results if modifier > 0) if base >= 90 else 0)
    grade = next((grade for floor, grade in GRADES if total >= floor), "F")
    return total, grade, results


if __name__ == "__main__":
    with urllib.request.urlopen(sys.argv[1]) as response:  # noqa: S310 (an operator's own site)
        body = response.read().decode("utf-8", "replace")
        total, grade, results = score(response.headers, body, response.headers.get_all("Set-Cookie") or [])
    for modifier, name in results:
        print(f"{modifier:+4d} {name}")
    print(f"score {total}: {grade}")
