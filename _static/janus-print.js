/* Janus book: a printed page shows each slider figure (janus.widgets.explore) as
   three static panels, its first, middle and last frames, instead of a slider
   that paper cannot move. The frames come from the widget state embedded in
   the page; the panels are built just before printing (the browser's print,
   the theme's PDF button, and tools/print_pdf.py, which calls
   janusPrintPanels() itself) and only print media show them (janus-print.css). */
(function () {
  "use strict";
  const id = (ref) => String(ref).replace("IPY_MODEL_", "");

  function frames(state, modelId, out) {
    const model = state[modelId];
    if (!model) return out;
    if (model.model_name === "ImageModel") {
      out.push(model);
    } else {
      (model.state.children || []).forEach((child) => frames(state, id(child), out));
    }
    return out;
  }

  function source(model) {
    const buffer = (model.buffers || []).find((b) => b.path && b.path[0] === "value");
    return buffer ? "data:image/" + (model.state.format || "png") + ";base64," + buffer.data : null;
  }

  window.janusPrintPanels = function () {
    if (document.querySelector(".janus-print-panels")) return;
    const tag = document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]');
    if (!tag) return;
    let state;
    try { state = JSON.parse(tag.textContent).state; } catch (e) { return; }
    document.querySelectorAll('script[type="application/vnd.jupyter.widget-view+json"]').forEach((view) => {
      let box;
      try { box = state[JSON.parse(view.textContent).model_id]; } catch (e) { return; }
      if (!box || !(box.state._dom_classes || []).includes("janus-explore")) return;
      const stack = (box.state.children || []).map(id).find((c) => state[c] && state[c].model_name === "StackModel");
      const all = frames(state, stack, []);
      if (!all.length) return;
      const picks = [...new Set([0, Math.floor((all.length - 1) / 2), all.length - 1])];
      const panels = document.createElement("div");
      panels.className = "janus-print-panels";
      picks.forEach((i) => {
        const src = source(all[i]);
        if (!src) return;
        const figure = document.createElement("figure");
        const img = document.createElement("img");
        img.src = src;
        img.alt = all[i].state.tooltip || all[i].state.description || "frame " + (i + 1);
        const caption = document.createElement("figcaption");
        caption.textContent = img.alt;
        figure.append(img, caption);
        panels.append(figure);
      });
      view.after(panels);
      const rendered = view.previousElementSibling;
      if (rendered) rendered.classList.add("janus-print-hide");
    });
  };
  window.addEventListener("beforeprint", window.janusPrintPanels);
})();
