"""MkDocs hooks: wire the build's events to the ``practice_kb`` package. Nothing else."""

from mkdocs.plugins import event_priority

from practice_kb import site

serving = False  # set at startup: `mkdocs serve` adds its live-reload script inline


def on_startup(command, dirty):
    global serving
    serving = command == "serve"


@event_priority(100)  # before the search and tags plugins read their settings
def on_config(config):
    return site.configure(config)


def on_files(files, config):
    return site.add_pages(files, config, serving)


def on_nav(nav, config, files):
    return site.translate_nav(nav)


def on_page_content(html, page, config, files):
    return site.sanitise(html, page.file.src_uri)


def on_post_page(output, page, config):
    return site.protect(output, config, serving)


def on_post_build(config):
    site.check_alongside()


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # the 404 page
        return site.protect(output_content, config, serving)
    return output_content
