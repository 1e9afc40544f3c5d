"""case agreement: print the mediation agreement (人民调解协议书) the parties sign."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from cli_commands.case_writes import command
from cli_commands.parsing import CASE_REF
from cli_commands.runtime import runtime

TEMPLATES = Path(__file__).with_name("templates")


@command("agreement")
@click.argument("ref", type=CASE_REF)
@click.option("--format", "form", type=click.Choice(["text", "md", "html"]), default="text",
              show_default=True, help="Plain text, Markdown, or HTML to print on A4.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True),
              help="Write to this file instead of standard output.")
@click.option("--shared", is_flag=True,
              help="For the other side or posting: confidential complainants masked (张**) "
              "wherever they appear (docs/privacy.md).")
def agreement(ref: str, form: str, output: str | None, shared: bool) -> None:
    """Print the mediation agreement (人民调解协议书) of a case that reached agreement.

    It states what the People's Mediation Law asks for: the parties, the main
    facts, the disputed matters and each side's responsibility, the agreed
    terms with the manner and deadline of each commitment, lines for every
    party's signature, seal or fingerprint, the mediator's signature and the
    committee's seal, and the last day to apply for judicial confirmation
    (30 days after it takes effect). Chinese by default; --lang en for English.

    The parties sign the full copy; --shared prints the copy handed to the
    respondent or posted, with confidential complainants masked.

    \b
    Example:
      gongzhi case agreement C2026-000001
      gongzhi case agreement C2026-000001 --format html -o agreement.html
      gongzhi case agreement C2026-000001 --shared -o 公示.txt
      chromium --headless --no-pdf-header-footer --print-to-pdf=agreement.pdf agreement.html
    """
    rt = runtime()
    case, events = rt.app(read_only=True).history(ref)
    document = agreement_of(case, events, rt.lang)
    if document is None:
        raise click.ClickException(rt.say(
            f"{ref} 尚未达成调解协议，无协议书可打印（先用 gongzhi case agree 登记协议）",
            f"{ref} has no agreement to print yet (record one with gongzhi case agree)"))
    if shared:
        from adapters.sharing import shared_agreement

        document = shared_agreement(case, document, rt.lang)
    if rt.as_json:
        rt.emit({k: v for k, v in document.items() if k not in ("text", "punct")}, "")
        return
    page = render(document, form)
    if output:
        try:
            Path(output).write_text(page, encoding="utf-8")
        except OSError as error:
            raise click.BadParameter(rt.say(f"无法写入 {output}：所在文件夹不存在或不可写",
                                            f"cannot write {output}: {error.strerror} (does the "
                                            "folder exist, and may it be written?)"),
                                     param_hint="'--output'") from None
        click.echo(rt.say(f"协议书已写入 {output}", f"agreement written to {output}"))
    else:
        click.echo(page)


def agreement_of(case: Any, events: list[Any], lang: str) -> dict[str, Any] | None:
    """The agreement document of a case and its events; None without a standing agreement."""
    from cli_commands.agreement_document import agreement_document

    agreed = [e for e in events if type(e).__name__ == "AgreementReached"]
    if case.agreement is None or not agreed:  # never agreed, or reopened since
        return None
    return agreement_document(case, agreed[-1].occurred_at, lang)


def agreement_page(case: Any, events: list[Any], lang: str, form: str = "text") -> str:
    """The printed agreement, or nothing for a case without one (the demo prints it)."""
    document = agreement_of(case, events, lang)
    return render(document, form) if document else ""


def render(document: dict[str, Any], form: str) -> str:
    """The document laid out by its template (jinja2 is imported only here)."""
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(["html"]),
        trim_blocks=False, keep_trailing_newline=True, undefined=jinja2.StrictUndefined)
    name = {"text": "agreement.txt", "md": "agreement.md", "html": "agreement.html"}[form]
    page = environment.get_template(name).render(doc=document)
    return "\n".join(line.rstrip() for line in page.strip().splitlines()) + "\n"
