"""Sphinx extension of the Janus book: small fixes of the built pages.

Loaded through ``sphinx.local_extensions`` in ``_config.yml``.

Sphinx 7.4 adds an inline ``<script>`` registered after the builder started
twice to every page (once as registered, once re-read from the registry with
another file name), so that ``const`` declarations such as sphinx-thebe's
``THEBE_JS_URL`` raise "Identifier has already been declared" in the browser.
:func:`drop_duplicate_scripts` keeps the first copy of each script.

A long proof is written as ``{prf:proof}`` with ``:class: dropdown``; the
toggle script of the theme cannot fold it (a proof has no title bar), so
:func:`fold_dropdown_proofs` wraps it in an HTML ``<details>`` element: folded
until the reader opens it, with no script at all.
"""

from __future__ import annotations


def drop_duplicate_scripts(app, pagename, templatename, context, doctree) -> None:
    scripts = context.get("script_files")
    if not scripts:
        return
    seen = set()
    kept = []
    for script in scripts:
        filename = getattr(script, "filename", script) or ""
        attributes = getattr(script, "attributes", {}) or {}
        key = (str(filename), tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    scripts[:] = kept


def fold_dropdown_proofs(app, doctree, docname) -> None:
    if app.builder.format != "html":
        return
    from docutils import nodes
    from sphinx_proof.nodes import proof_node

    for proof in list(doctree.findall(proof_node)):
        # the directive's :class: options sit on the admonition inside the node
        if not any("dropdown" in child.get("classes", []) for child in proof.children
                   if isinstance(child, nodes.Element)):
            continue
        parent = proof.parent
        index = parent.index(proof)
        parent.insert(index + 1, nodes.raw("", "</details>", format="html"))
        parent.insert(index, nodes.raw(
            "", '<details class="janus-proof"><summary>Proof (click to show)</summary>', format="html"))


def setup(app):
    app.connect("doctree-resolved", fold_dropdown_proofs)
    # run after every extension that adds scripts to a page
    app.connect("html-page-context", drop_duplicate_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
