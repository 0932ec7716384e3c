"""Cross-site-scripting vectors, written for Hearth's tests, and the HTML check they must pass."""

from html.parser import HTMLParser

_BASE = [
    # Script elements in many spellings.
    "<script>alert(1)</script>",
    "<SCRIPT>alert(1)</SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script src=//evil.example/x.js></script>",
    "<script/src=//evil.example/x.js>",
    "<script\n>alert(1)</script>",
    "<script\t>alert(1)</script>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    "<<script>alert(1)//<</script>",
    "<script>alert(1)",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "<script type=module>alert(1)</script>",
    "<!--<script>alert(1)</script>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
    # Event handlers.
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror='alert(1)'>",
    "<IMG SRC=x OnErRoR=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<div onmouseover=alert(1)>hover</div>",
    "<p onclick=alert(1)>click</p>",
    "<a href=# onclick=alert(1)>x</a>",
    "<input autofocus onfocus=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=alert(1)></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>",
    "<select onfocus=alert(1) autofocus>",
    "<textarea onfocus=alert(1) autofocus>",
    "<keygen onfocus=alert(1) autofocus>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<isindex action=javascript:alert(1) type=submit>",
    '<p style="x:expression(alert(1))">',
    '<p style="background:url(javascript:alert(1))">',
    # javascript:, data: and vbscript: links.
    "<a href=javascript:alert(1)>x</a>",
    "<a href='JaVaScRiPt:alert(1)'>x</a>",
    "<a href=' javascript:alert(1)'>x</a>",
    "<a href=java&#x09;script:alert(1)>x</a>",
    "<a href=&#106;avascript:alert(1)>x</a>",
    "<a href=&#x6A;avascript:alert(1)>x</a>",
    "<a href=jav&#x0A;ascript:alert(1)>x</a>",
    "<a href=vbscript:msgbox(1)>x</a>",
    "<a href=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>x</a>",
    "<a href='data:text/html,<script>alert(1)</script>'>x</a>",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)>",
    "<embed src=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href=javascript:alert(1)>",
    "<form action=javascript:alert(1)><input type=submit>",
    # SVG and MathML.
    "<svg onload=alert(1)>",
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><set attributeName=href to=javascript:alert(1)>",
    "<svg><foreignObject><script>alert(1)</script></foreignObject></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=javascript:alert(1)>x</math>",
    # Broken and nested tags.
    "<img src=x onerror=alert(1)",
    '<a href="javascript:alert(1)"',
    '<img """><script>alert(1)</script>">',
    "<<img src=x onerror=alert(1)>>",
    "<img src=`x` onerror=alert(1)>",
    "<div/onclick=alert(1)>x",
    "<a\nhref=javascript:alert(1)>x</a>",
    "<a href=javascript&colon;alert(1)>x</a>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<xss onafterscriptexecute=alert(1)><script>1</script>",
    "<template><script>alert(1)</script></template>",
    # Markdown link and autolink tricks.
    "[click](javascript:alert(1))",
    "[click](JAVASCRIPT:alert(1))",
    "[click](  javascript:alert(1)  )",
    "[click](java\tscript:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](&#x6A;avascript:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click](vbscript:msgbox(1))",
    "[click](<javascript:alert(1)>)",
    '[click](https://example.org "title" onclick="alert(1)")',
    '[click](https://example.org"onmouseover="alert(1))',
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "<javascript:alert(1)>",
    "<data:text/html,<script>alert(1)</script>>",
    "![image](javascript:alert(1))",
    '![x](https://example.org/x.png"onerror="alert(1))',
    "[<img src=x onerror=alert(1)>](https://example.org)",
    "`<script>alert(1)</script>`",
    "```\n<script>alert(1)</script>\n```",
    "> <script>alert(1)</script>",
    "* <a href=javascript:alert(1)>x</a>",
    "| a |\n|---|\n| <script>alert(1)</script> |",
    "**<img src=x onerror=alert(1)>**",
    'https://example.org/"><script>alert(1)</script>',
    "www.example.org/<svg/onload=alert(1)>",
    # Encoded forms.
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&#60;script&#62;alert(1)&#60;/script&#62;",
    "%3Cscript%3Ealert(1)%3C/script%3E",
    "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
    "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
    "<scr\x00ipt>alert(1)</scr\x00ipt>",
    "<img src=x o\x00nerror=alert(1)>",
    "{{ 7*7 }}<script>alert(1)</script>{% raw %}",
    "${alert(1)}<img src=x onerror=alert(1)>",
]


def vectors() -> list[str]:
    """The base vectors, each also inside a sentence, as a member might paste it."""
    return _BASE + [f"Day 12. {vector} Still here." for vector in _BASE[::4]]


SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
URL_ATTRIBUTES = {
    "href", "src", "action", "formaction", "xlink:href", "data", "poster", "background",
    "srcdoc", "codebase", "cite", "longdesc", "dynsrc", "lowsrc", "ping",
}  # fmt: skip
FORBIDDEN_ELEMENTS = {"script", "iframe", "object", "embed", "base", "svg", "math", "frame"}


def _own_script(attrs) -> bool:
    found = dict(attrs)
    return set(found) <= {"src", "defer"} and (found.get("src") or "").startswith("/static/js/")


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "script" and _own_script(attrs):
            return  # Hearth's own progressive script, a file on its host (CSP: script-src 'self')
        if tag in FORBIDDEN_ELEMENTS:
            self.problems.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{name} attribute on <{tag}>")
            if name == "style" and value and "script" in value.lower():
                self.problems.append(f"script in a style attribute on <{tag}>")
            if name in URL_ATTRIBUTES and value:
                # Browsers drop whitespace and control characters before reading the scheme.
                bare = "".join(c for c in value if c > " ").lower()
                if bare.startswith(SCRIPT_SCHEMES):
                    self.problems.append(f"{name}={value!r} on <{tag}>")
            if tag == "meta" and name == "http-equiv":
                self.problems.append("a <meta http-equiv>")

    handle_startendtag = handle_starttag


def script_problems(page: str) -> list[str]:
    """Whatever in this HTML could run a script: empty when the page is safe."""
    finder = _Finder()
    finder.feed(page)
    finder.close()
    return finder.problems
