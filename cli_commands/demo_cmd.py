import click


@click.group()
def demo() -> None:
    """(placeholder)"""
