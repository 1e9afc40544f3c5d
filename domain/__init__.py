"""Gongzhi's domain: aggregates, value objects and errors. Pure: no IO, no clock, no SQL."""
