import click


@click.group()
def report() -> None:
    """(placeholder)"""
