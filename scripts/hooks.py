"""MkDocs hooks: wire the build's events to the ``practice_kb`` package. Nothing else."""

from mkdocs.plugins import event_priority

from practice_kb import site


@event_priority(100)  # before Material's tags plugin reads its settings
def on_config(config):
    site.restrict_tags(config)
    return config


def on_files(files, config):
    return site.add_pages(files, config)


def on_page_content(html, page, config, files):
    return site.sanitise(html, page.file.src_uri)


def on_post_page(output, page, config):
    return site.content_security_policy(output)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # the 404 page
        return site.content_security_policy(output_content)
    return output_content
