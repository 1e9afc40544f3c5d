"""case share: the case as the other side may see it (confidential complainants masked)."""

from __future__ import annotations

from typing import Any

import click

from cli_commands.case_writes import command
from cli_commands.parsing import CASE_REF
from cli_commands.runtime import runtime

NOTICE = {"zh": "对方可见副本：保密的投诉人已打码（张**），见 docs/privacy.md。",
          "en": "Copy for the other side: confidential complainants are masked; see "
                "docs/privacy.md."}


@command("share")
@click.argument("ref", type=CASE_REF)
@click.option("--format", "fmt", type=click.Choice(["text", "md", "json"]), default="text",
              show_default=True, help="Plain text, Markdown or JSON.")
@click.option("--output", "-o", type=click.Path(dir_okay=False),
              help="Write to this file (created 0600; missing folders are made) instead of "
              "standard output.")
def share(ref: str, fmt: str, output: str | None) -> None:
    """Print a case as the other side may see it: confidential complainants masked (张**).

    For handing to a respondent or posting. Complainants named at intake
    (--named-complainant) are shown; the others are masked, also where their
    names were typed into the summary, statements or notes.

    \b
    Example:
      gongzhi case share C2026-000001
      gongzhi case share 2026-1 --format md -o 对方副本.md
    """
    import json

    from adapters.sharing import shared_case_document
    from cli_commands.output_file import output_stream, output_target

    target = output_target(output)
    rt = runtime()
    document = shared_case_document(rt.app(read_only=True).get_case(ref), rt.today())
    if rt.as_json or fmt == "json":
        page = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        page = shared_text(document, rt.lang, markdown=fmt == "md")
    with output_stream(target) as stream:
        stream.write(page)


def shared_text(document: dict[str, Any], lang: str, markdown: bool = False) -> str:
    """`case show`'s text of the masked document, with a notice saying it is masked."""
    from cli_commands.case_text import render_case

    lines = render_case(document, lang).splitlines()
    notice = NOTICE["zh" if lang == "zh" else "en"]
    if not markdown:
        return "\n".join([lines[0], notice, *lines[1:]]) + "\n"
    out = [f"# {lines[0]}", "", f"*{notice}*", ""]
    for line in lines[1:]:
        if line.startswith("  "):
            out.append(f"- {line.strip()}")
        elif line.endswith(("：", ":")):
            out += ["", f"## {line.rstrip('：:')}", ""]
        else:
            out.append(f"- {line}")
    return "\n".join(out) + "\n"
