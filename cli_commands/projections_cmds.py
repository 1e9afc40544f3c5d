import click


@click.group()
def projections() -> None:
    """(placeholder)"""
