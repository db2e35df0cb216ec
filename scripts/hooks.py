"""MkDocs hooks: wire the build's events to the ``practice_kb`` package. Nothing else."""

from mkdocs.plugins import event_priority

from practice_kb import site


@event_priority(100)  # before Material's tags plugin reads its settings
def on_config(config):
    site.restrict_tags(config)
    return config


def on_files(files, config):
    return site.add_pages(files, config)
