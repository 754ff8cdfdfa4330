// Albumen gallery: selection (a bar with a count, shift-click ranges, select all), favourites
// without reloading, a lightbox over the grid (counter, info panel, zoom, swipe, keyboard
// shortcuts, slideshow, video), drag-and-drop ordering on album pages, a confirmation before
// dangerous buttons, copy buttons and share countdowns. The pages work without this script:
// tiles link to viewer pages and every action is a plain form.
"use strict";
(() => {
  document.documentElement.classList.add("js");
  // ---- Deleting for good asks first (the trash is undoable and does not).
  document.querySelectorAll("button.danger").forEach((button) => {
    if (button.value === "trash") return;
    button.addEventListener("click", (event) => {
      const what = button.dataset.confirm || "Delete this album?";
      if (!window.confirm(what)) event.preventDefault();
    });
  });

  // ---- A jump control goes as soon as a month is chosen, and the page it opens scrolls to
  // that month's heading (a GET form cannot carry the #anchor itself).
  document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
    select.addEventListener("change", () => select.form.submit());
  });
  const month = new URLSearchParams(window.location.search).get("month");
  const heading = month && document.getElementById("m-" + month);
  if (heading) {
    heading.scrollIntoView();
    const choice = document.querySelector(`select[data-autosubmit] option[value="${month}"]`);
    if (choice) choice.selected = true;
  }

  // ---- The viewer page: ← and → follow its previous and next links.
  document.addEventListener("keydown", (event) => {
    if (event.target.closest("input, textarea, select, dialog") || event.ctrlKey || event.metaKey) return;
    const link = document.querySelector(`a[data-key="${event.key}"]`);
    if (link) window.location.href = link.href;
  });
  // ---- Copy buttons (a new key's secret): hidden without scripts, where they cannot work.
  document.querySelectorAll("button[data-copy]").forEach((button) => {
    const source = document.getElementById(button.dataset.copy);
    if (!source || !navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(source.textContent.trim());
        button.textContent = "Copied";
      } catch {
        window.getSelection().selectAllChildren(source);
        button.textContent = "Press Ctrl+C";
      }
    });
  });

  // ---- A share's time left, counted down each second; the page reloads itself at the end
  // (and a <meta refresh> does the same without this script), so it then says "expired".
  document.querySelectorAll("[data-countdown]").forEach((element) => {
    const end = Date.now() + parseInt(element.dataset.countdown, 10) * 1000;
    const tick = () => {
      const left = Math.max(0, Math.round((end - Date.now()) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, "0");
      element.textContent = minutes >= 60
        ? `${Math.floor(minutes / 60)} h ${minutes % 60} min` : `${minutes}:${seconds}`;
      if (left === 0) window.location.reload();
      else window.setTimeout(tick, 1000);
    };
    tick();
  });

  const form = document.getElementById("items");
  const root = form || document.getElementById("gallery");
  // The owner's lightbox tools (favourite, info, delete) act on live items, not the trash's.
  const acts = !!form && !("trash" in form.dataset);
  if (!root) return;
  const grid = document.getElementById("gallery");
  // Tiles whose views are used up are placeholders, not pictures.
  const tiles = () => Array.from(root.querySelectorAll(".tile:not(.used)"));

  // ---- Selection: ticking shows the bar with a count; shift-click ticks the range since
  // the last one; while anything is ticked, a click on a tile ticks it instead of opening it.
  const boxes = () => Array.from(root.querySelectorAll('.tile input[name="item"]'));
  const count = form && form.querySelector(".selected-count");
  const selectAll = form && form.querySelector("[data-select-all]");
  let last = null;
  function selectionChanged() {
    const ticked = boxes().filter((b) => b.checked).length;
    document.body.classList.toggle("selecting", ticked > 0);
    if (count) count.textContent = ticked ? `(${ticked} selected)` : "";
    if (selectAll) selectAll.textContent = ticked && ticked === boxes().length ? "Clear selection" : "Select all";
    for (const b of boxes()) b.closest(".tile").classList.toggle("selected", b.checked);
  }
  // Select mode (phones have no hover): the tiles' ticks and hearts show.
  const selectMode = form && form.querySelector("[data-select-mode]");
  if (selectMode) {
    selectMode.hidden = false;
    selectMode.addEventListener("click", () => {
      const on = document.body.classList.toggle("select-mode");
      selectMode.setAttribute("aria-pressed", String(on));
      selectMode.textContent = on ? "Done" : "Select";
    });
  }
  if (selectAll) {
    selectAll.hidden = false;
    selectAll.addEventListener("click", () => {
      const all = boxes();
      const on = !all.every((b) => b.checked);
      for (const b of all) b.checked = on;
      selectionChanged();
    });
  }
  root.addEventListener("click", (event) => {
    const box = event.target.closest('input[name="item"]');
    if (!box) return;
    const all = boxes();
    if (event.shiftKey && last && last !== box) {
      const [a, b] = [all.indexOf(last), all.indexOf(box)].sort((x, y) => x - y);
      for (const other of all.slice(a, b + 1)) other.checked = box.checked;
    }
    last = box;
    selectionChanged();
  });
  selectionChanged();

  // ---- Favourites: the heart posts its form in the background and turns red.
  async function toggleFavourite(tile) {
    const heart = tile && tile.querySelector("button.fav");
    if (!heart || !form) return false;
    const body = new URLSearchParams({ _csrf: form.elements._csrf.value, "toggle-favourite": heart.value });
    if (form.elements.back) body.set("back", form.elements.back.value);
    const response = await fetch(form.action, { method: "POST", body, credentials: "same-origin", redirect: "manual" });
    if (response.type !== "opaqueredirect" && !response.ok) return false;
    const on = heart.getAttribute("aria-pressed") !== "true";
    heart.setAttribute("aria-pressed", String(on));
    tile.classList.toggle("favourite", on);
    return true;
  }
  root.addEventListener("click", async (event) => {
    const heart = event.target.closest("button.fav");
    if (!heart) return;
    event.preventDefault();
    if (!(await toggleFavourite(heart.closest(".tile")))) form.requestSubmit(heart);
  });

  // ---- Lightbox: a modal <dialog>, so focus stays inside and Escape closes it.
  const box = document.createElement("dialog");
  box.className = "lightbox";
  box.setAttribute("aria-label", "Photo viewer");
  box.innerHTML =
    '<div class="stage"></div>' +
    '<p class="caption"><span class="counter"></span> <a class="open"></a></p>' +
    '<div class="lightbox-tools">' +
    (acts ? '<button type="button" class="fav" aria-pressed="false" aria-label="Favourite (f)">♥</button>' : "") +
    (acts ? '<button type="button" class="show-info" aria-expanded="false" aria-label="Info (i)">i</button>' : "") +
    '<button type="button" class="play" aria-pressed="false" aria-label="Slideshow (s)">▶</button>' +
    (acts ? '<button type="button" class="trash" title="Delete (Del)">Delete</button>' : "") +
    '<button type="button" class="help" aria-label="Keyboard shortcuts (?)">?</button>' +
    '<button type="button" class="close" aria-label="Close (Esc)">×</button></div>' +
    '<aside class="info-panel" hidden aria-label="Info"></aside>' +
    '<div class="shortcuts" hidden><p><kbd>←</kbd> <kbd>→</kbd> previous, next · <kbd>Esc</kbd> close · ' +
    '<kbd>i</kbd> info · <kbd>f</kbd> favourite · <kbd>Del</kbd> delete · <kbd>s</kbd> slideshow · ' +
    '<kbd>+</kbd> <kbd>-</kbd> zoom · <kbd>?</kbd> this help</p></div>' +
    '<button type="button" class="prev" aria-label="Previous">‹</button>' +
    '<button type="button" class="next" aria-label="Next">›</button>';
  document.body.append(box);
  const stage = box.querySelector(".stage");
  const caption = box.querySelector(".open");
  const counter = box.querySelector(".counter");
  const panel = box.querySelector(".info-panel");
  const q = (selector) => box.querySelector(selector);
  let index = -1;
  let opener = null;
  let zoom = { scale: 1, x: 0, y: 0 };
  let slideshow = null;

  // The largest picture the tile's srcset offers (the medium derivative or the original).
  function largest(img) {
    const candidates = (img.getAttribute("srcset") || "").split(",").map((part) => {
      const [url, width] = part.trim().split(/\s+/);
      return { url, width: parseInt(width, 10) || 0 };
    }).filter((c) => c.url);
    candidates.sort((a, b) => b.width - a.width);
    return candidates.length ? candidates[0].url : img.currentSrc || img.src;
  }

  const current = () => tiles()[index];

  function show(i) {
    const all = tiles();
    if (!all.length) return close();
    index = (i + all.length) % all.length;
    const tile = all[index];
    const link = tile.querySelector("a");
    const img = link.querySelector("img");
    stage.replaceChildren();
    setZoom(1, 0, 0);
    if (link.dataset.video) {
      const video = document.createElement("video");
      video.controls = true;
      video.preload = "metadata";
      video.poster = link.dataset.poster || "";
      video.src = link.dataset.video;
      video.setAttribute("aria-label", img.alt);
      stage.append(video);
    } else {
      const large = document.createElement("img");
      // A share's tile may name where its large picture comes from (a route that counts the view).
      large.src = link.dataset.large || largest(img);
      large.alt = img.alt;
      large.draggable = false;
      stage.append(large);
    }
    caption.textContent = img.alt || "Open";
    caption.href = link.href;
    counter.textContent = `${index + 1} / ${all.length}`;
    const heart = q(".lightbox-tools .fav");
    if (heart) heart.setAttribute("aria-pressed", String(tile.classList.contains("favourite")));
    if (!panel.hidden) loadInfo();
    if (!box.open) box.showModal();
    if (!box.contains(document.activeElement) || document.activeElement === box) q(".close").focus();
  }

  async function loadInfo() {
    const tile = current();
    if (!tile || !tile.dataset.info) return;
    panel.textContent = "Loading…";
    try {
      // The panel's label forms come back to this page.
      const back = encodeURIComponent(location.pathname + location.search);
      const response = await fetch(tile.dataset.info + "?back=" + back, { credentials: "same-origin" });
      if (!response.ok) throw new Error(response.statusText);
      if (current() === tile) panel.innerHTML = await response.text();
    } catch (error) {
      panel.textContent = "The details could not be loaded.";
    }
  }

  function toggleInfo() {
    if (!q(".show-info")) return;
    panel.hidden = !panel.hidden;
    q(".show-info").setAttribute("aria-expanded", String(!panel.hidden));
    box.classList.toggle("with-info", !panel.hidden);
    if (!panel.hidden) loadInfo();
  }

  async function trashCurrent() {
    const tile = current();
    if (!tile || !acts) return;
    const body = new URLSearchParams({ _csrf: form.elements._csrf.value, item: tile.dataset.id, do: "trash" });
    if (form.elements.back) body.set("back", form.elements.back.value);
    const response = await fetch(form.action, { method: "POST", body, credentials: "same-origin", redirect: "manual" });
    if (response.type !== "opaqueredirect" && !response.ok) return;
    tile.remove();
    selectionChanged();
    show(index);
  }

  function toggleSlideshow() {
    const play = q(".play");
    if (slideshow) {
      window.clearInterval(slideshow);
      slideshow = null;
    } else {
      slideshow = window.setInterval(() => show(index + 1), 4000);
    }
    play.setAttribute("aria-pressed", String(!!slideshow));
    play.textContent = slideshow ? "❚❚" : "▶";
  }

  // Zoom: wheel, pinch, double-click and + / -; past the medium size the original loads, so
  // a zoomed photo shows its full resolution.
  function setZoom(scale, x, y) {
    zoom = { scale: Math.min(8, Math.max(1, scale)), x, y };
    if (zoom.scale === 1) zoom.x = zoom.y = 0;
    const media = stage.firstElementChild;
    if (!media) return;
    media.style.transform = `translate(${zoom.x}px, ${zoom.y}px) scale(${zoom.scale})`;
    box.classList.toggle("zoomed", zoom.scale > 1);
    const link = current() && current().querySelector("a");
    if (zoom.scale > 1.2 && link && link.dataset.original && media.tagName === "IMG" && media.src !== link.dataset.original) {
      media.src = link.dataset.original;
    }
  }
  stage.addEventListener("wheel", (event) => {
    event.preventDefault();
    setZoom(zoom.scale * (event.deltaY < 0 ? 1.2 : 1 / 1.2), zoom.x, zoom.y);
  }, { passive: false });
  stage.addEventListener("dblclick", () => setZoom(zoom.scale > 1 ? 1 : 2.5, 0, 0));

  function close() {
    stage.replaceChildren(); // stops a playing video
    if (slideshow) toggleSlideshow();
    if (box.open) box.close();
  }

  box.addEventListener("close", () => {
    stage.replaceChildren();
    if (opener && document.body.contains(opener)) opener.focus();
  });
  q(".prev").addEventListener("click", () => show(index - 1));
  q(".next").addEventListener("click", () => show(index + 1));
  q(".close").addEventListener("click", close);
  q(".play").addEventListener("click", toggleSlideshow);
  q(".help").addEventListener("click", () => { q(".shortcuts").hidden = !q(".shortcuts").hidden; });
  if (q(".show-info")) q(".show-info").addEventListener("click", toggleInfo);
  if (q(".lightbox-tools .trash")) q(".lightbox-tools .trash").addEventListener("click", trashCurrent);
  if (q(".lightbox-tools .fav")) {
    q(".lightbox-tools .fav").addEventListener("click", async () => { if (await toggleFavourite(current())) show(index); });
  }
  box.addEventListener("keydown", async (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // Typing in the info panel's label form is typing, not shortcuts ("i", "s", arrows).
    if (event.target.closest("input, textarea, select")) return;
    const key = event.key;
    if (key === "ArrowLeft") show(index - 1);
    else if (key === "ArrowRight") show(index + 1);
    else if (key === "i") toggleInfo();
    else if (key === "f" && acts) { if (await toggleFavourite(current())) show(index); }
    else if (key === "Delete" && acts) trashCurrent();
    else if (key === "s") toggleSlideshow();
    else if (key === "+" || key === "=") setZoom(zoom.scale * 1.5, zoom.x, zoom.y);
    else if (key === "-") setZoom(zoom.scale / 1.5, zoom.x, zoom.y);
    else if (key === "?") q(".shortcuts").hidden = !q(".shortcuts").hidden;
    else return;
    event.preventDefault();
  });

  // Pointers on the stage: one finger (or the mouse) swipes, or pans when zoomed; two pinch.
  // The stage has `touch-action: none`, so a phone's browser leaves these gestures to us.
  const pointers = new Map();
  let start = null;
  let pinch = null;
  stage.addEventListener("pointerdown", (event) => {
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pointers.size === 1) start = { x: event.clientX, y: event.clientY, zx: zoom.x, zy: zoom.y };
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { distance: Math.hypot(a.x - b.x, a.y - b.y), scale: zoom.scale };
      start = null;
    }
  });
  stage.addEventListener("pointermove", (event) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.set(event.pointerId, { x: event.clientX, y: event.clientY });
    if (pinch && pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      setZoom(pinch.scale * Math.hypot(a.x - b.x, a.y - b.y) / Math.max(1, pinch.distance), zoom.x, zoom.y);
    } else if (start && zoom.scale > 1) {
      setZoom(zoom.scale, start.zx + event.clientX - start.x, start.zy + event.clientY - start.y);
    }
  });
  const lift = (event) => {
    pointers.delete(event.pointerId);
    if (pointers.size < 2) pinch = null;
    if (!start || pointers.size > 0) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    start = null;
    // A mostly horizontal stroke of 50 px or more turns the page (when not zoomed in).
    if (zoom.scale === 1 && Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) show(dx < 0 ? index + 1 : index - 1);
  };
  stage.addEventListener("pointerup", lift);
  stage.addEventListener("pointercancel", lift);
  // A click on the dark backdrop (the dialog itself, not its content) closes.
  box.addEventListener("click", (event) => { if (event.target === box) close(); });

  root.addEventListener("click", (event) => {
    const link = event.target.closest(".tile > a:not(.download):not(.edit-labels)");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    // While selecting, a click (or shift-click) on a tile ticks it.
    const tick = link.parentElement.querySelector('input[name="item"]');
    const body = document.body.classList;
    if (tick && (body.contains("selecting") || body.contains("select-mode") || event.shiftKey)) {
      tick.click();
      return;
    }
    opener = link;
    show(tiles().indexOf(link.parentElement));
  });

  // ---- Drag and drop ordering (album pages): pointer events, so mouse, pen and touch work
  // alike. Each tile gets a handle; dropping saves the order with one request.
  if (!form || !form.dataset.order || !grid) return;
  const status = document.createElement("p");
  status.className = "order-status";
  status.setAttribute("role", "status");
  form.before(status);

  for (const tile of tiles()) {
    const handle = document.createElement("button");
    handle.type = "button";
    handle.className = "handle";
    handle.textContent = "⠿";
    handle.setAttribute("aria-label", "Drag to reorder " + (tile.querySelector("img").alt || "item"));
    tile.append(handle);
  }

  let dragged = null;
  grid.addEventListener("pointerdown", (event) => {
    const handle = event.target.closest(".handle");
    if (!handle) return;
    event.preventDefault();
    dragged = handle.parentElement;
    dragged.classList.add("dragging");
    handle.setPointerCapture(event.pointerId);
  });
  grid.addEventListener("pointermove", (event) => {
    if (!dragged) return;
    const under = document.elementFromPoint(event.clientX, event.clientY);
    const target = under && under.closest(".tile");
    if (!target || target === dragged || target.parentElement !== grid) return;
    const all = tiles();
    // Moving forward puts the dragged tile after the target, moving back before it.
    if (all.indexOf(target) > all.indexOf(dragged)) target.after(dragged);
    else target.before(dragged);
  });
  const drop = () => {
    if (!dragged) return;
    dragged.classList.remove("dragging");
    dragged = null;
    save();
  };
  grid.addEventListener("pointerup", drop);
  grid.addEventListener("pointercancel", drop);

  let saved = tiles().map((tile) => tile.dataset.id).join(",");
  async function save() {
    const order = tiles().map((tile) => tile.dataset.id).join(",");
    if (order === saved) return;
    status.textContent = "Saving the new order…";
    const body = new URLSearchParams({ order, _csrf: form.elements._csrf.value });
    try {
      const response = await fetch(form.dataset.order, { method: "POST", body, credentials: "same-origin" });
      if (!response.ok) throw new Error(response.status + " " + response.statusText);
      saved = order;
      status.textContent = "Order saved.";
    } catch (error) {
      status.textContent = "The order could not be saved (" + error.message + "). Reload to see the saved order.";
    }
  }
})();
