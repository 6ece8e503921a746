"""No `{% url %}` inside a `{% for %}` in any of our templates: a URL per row goes through
`{% row_url %}`, one reverse per list, not one per row (issue 22). Each template is loaded through
Django's engine and its node tree walked, through the partials and included templates a loop
renders per row."""

from pathlib import Path

from django.conf import settings
from django.template import Engine, engines
from django.template.defaulttags import ForNode, URLNode
from django.template.loader_tags import IncludeNode
from django.template.utils import get_app_template_dirs
from template_partials.templatetags.partials import RenderPartialNode

BASE_DIR = Path(settings.BASE_DIR).resolve()


def _project_template_dirs() -> list[Path]:
    """The template directories of the project itself: the root `templates/` and any app's, not
    those of installed packages."""
    engine = engines["django"].engine
    found = {Path(d).resolve() for d in (*engine.dirs, *get_app_template_dirs("templates"))}
    return sorted(
        d
        for d in found
        if d.is_relative_to(BASE_DIR)
        and not d.is_relative_to(BASE_DIR / ".venv")
        and "site-packages" not in d.parts
    )


def project_template_names() -> list[str]:
    """Every file under the project's template directories, named as the loader finds it."""
    return sorted(
        path.relative_to(directory).as_posix()
        for directory in _project_template_dirs()
        for path in directory.rglob("*")
        if path.is_file()
    )


def urls_in_loops(nodelist, engine: Engine, *, in_loop=False, via=(), seen=frozenset()) -> set[str]:
    """ "template: line" of each `{% url %}` in `nodelist` that renders once per row of a
    `{% for %}`: in the loop's body, in a `{% partial %}` or constant `{% include %}` the body
    renders (`via` names them; `seen` stops a template including itself), at any depth. The
    `{% empty %}` branch renders at most once, so it is inside the loop only if the loop is."""
    found = set()
    for node in nodelist:
        if isinstance(node, URLNode):
            if in_loop:
                where = f"{node.origin.template_name}: {node.token.lineno}"
                found.add(where + "".join(f" (in a loop via {step})" for step in via))
            continue
        if isinstance(node, ForNode):
            found |= urls_in_loops(node.nodelist_loop, engine, in_loop=True, via=via, seen=seen)
            found |= urls_in_loops(node.nodelist_empty, engine, in_loop=in_loop, via=via, seen=seen)
            continue
        if in_loop and isinstance(node, RenderPartialNode):
            name = f"{node.origin.template_name}#{node.partial_name}"
            if name not in seen:
                step = f"{node.origin.template_name}: {node.token.lineno} {{% partial {node.partial_name} %}}"
                partial = node.partial_mapping[node.partial_name]
                found |= urls_in_loops(
                    partial.nodelist, engine, in_loop=True, via=(*via, step), seen=seen | {name}
                )
        if in_loop and isinstance(node, IncludeNode):
            name = node.template.var
            if isinstance(name, str) and not node.template.filters and name not in seen:
                step = f"{node.origin.template_name}: {node.token.lineno} {{% include '{name}' %}}"
                found |= urls_in_loops(
                    engine.get_template(name).nodelist,
                    engine,
                    in_loop=True,
                    via=(*via, step),
                    seen=seen | {name},
                )
        # Every other tag's inner nodes: {% if %}'s branches, {% block %}, {% with %},
        # {% partialdef %}, {% blocktranslate %}'s none, … (what Django's get_nodes_by_type walks).
        for attribute in node.child_nodelists:
            inner = getattr(node, attribute, None)
            if inner:
                found |= urls_in_loops(inner, engine, in_loop=in_loop, via=via, seen=seen)
    return found


def test_no_template_reverses_a_url_per_row():
    engine = engines["django"].engine
    names = project_template_names()
    assert "base.html" in names and len(names) > 100  # the walk reaches the templates

    found = set()
    for name in names:
        found |= urls_in_loops(engine.get_template(name).nodelist, engine)

    assert not found, "{% url %} inside {% for %}; use {% row_url %} (issue 22):\n" + "\n".join(
        sorted(found)
    )


def _engine(**templates: str) -> Engine:
    """An engine over `templates` (name → source) with partials, as our templates have them."""
    return Engine(
        loaders=[("django.template.loaders.locmem.Loader", templates)],
        builtins=["template_partials.templatetags.partials", "astnet.templatetags.row_links"],
    )


def _found(source: str, **others: str) -> set[str]:
    engine = _engine(page=source, **others)
    return urls_in_loops(engine.get_template("page").nodelist, engine)


def test_it_finds_a_url_inside_a_loop():
    assert _found("{% for x in xs %}{% url 'public_home' %}{% endfor %}") == {"page: 1"}


def test_it_finds_a_url_at_any_depth_of_a_loop():
    source = "{% for x in xs %}\n{% if x %}{% with y=x %}\n{% url 'public_home' %}{% endwith %}{% endif %}{% endfor %}"

    assert _found(source) == {"page: 3"}


def test_it_finds_a_url_in_a_partial_or_an_include_rendered_per_row():
    partial = "{% partialdef card %}{% url 'public_home' %}{% endpartialdef %}{% for x in xs %}{% partial card %}{% endfor %}"
    include = "{% for x in xs %}\n{% include 'row' %}{% endfor %}"

    assert _found(partial) == {"page: 1 (in a loop via page: 1 {% partial card %})"}
    assert _found(include, row="<a href='{% url 'public_home' %}'>") == {
        "row: 1 (in a loop via page: 2 {% include 'row' %})"
    }


def test_it_leaves_urls_outside_loops_and_row_urls_alone():
    source = (
        "{% url 'public_home' %}{% for x in xs %}{% row_url 'courses:detail' x %}"
        "{% empty %}{% url 'public_home' %}{% endfor %}{% include 'row' %}"
    )

    assert _found(source, row="{% url 'public_home' %}") == set()


def test_a_template_including_itself_in_a_loop_ends():
    assert _found("{% for x in xs %}{% include 'page' %}{% endfor %}") == set()
