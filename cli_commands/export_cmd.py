import click


@click.group()
def export() -> None:
    """(placeholder)"""
