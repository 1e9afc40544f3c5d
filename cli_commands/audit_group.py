import click


@click.group()
def audit() -> None:
    """(placeholder)"""
