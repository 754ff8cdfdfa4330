// Albumen gallery: a lightbox over the grid (keyboard, swipe, video), drag-and-drop ordering
// on album pages, a confirmation before dangerous buttons, copy buttons and share countdowns.
// The pages work without this script: tiles link to viewer pages and the album form has
// up/down buttons.
"use strict";
(() => {
  // ---- Deleting asks first.
  document.querySelectorAll("button.danger").forEach((button) => {
    button.addEventListener("click", (event) => {
      const what = button.dataset.confirm
        || (button.value === "delete" ? "Delete the ticked photos and videos?" : "Delete this album?");
      if (!window.confirm(what)) event.preventDefault();
    });
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

  const grid = document.getElementById("gallery");
  if (!grid) return;
  // Tiles whose views are used up are placeholders, not pictures.
  const tiles = () => Array.from(grid.querySelectorAll(".tile:not(.used)"));

  // ---- Lightbox: a modal <dialog>, so focus stays inside and Escape closes it.
  const box = document.createElement("dialog");
  box.className = "lightbox";
  box.setAttribute("aria-label", "Photo viewer");
  box.innerHTML =
    '<div class="stage"></div><p class="caption"><a class="open"></a></p>' +
    '<button type="button" class="prev" aria-label="Previous">‹</button>' +
    '<button type="button" class="next" aria-label="Next">›</button>' +
    '<button type="button" class="close" aria-label="Close">×</button>';
  document.body.append(box);
  const stage = box.querySelector(".stage");
  const caption = box.querySelector(".open");
  let index = -1;
  let opener = null;

  // The largest picture the tile's srcset offers (the medium derivative or the original).
  function largest(img) {
    const candidates = (img.getAttribute("srcset") || "").split(",").map((part) => {
      const [url, width] = part.trim().split(/\s+/);
      return { url, width: parseInt(width, 10) || 0 };
    }).filter((c) => c.url);
    candidates.sort((a, b) => b.width - a.width);
    return candidates.length ? candidates[0].url : img.currentSrc || img.src;
  }

  function show(i) {
    const all = tiles();
    if (!all.length) return;
    index = (i + all.length) % all.length;
    const link = all[index].querySelector("a");
    const img = link.querySelector("img");
    stage.replaceChildren();
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
      stage.append(large);
    }
    caption.textContent = img.alt || "Open";
    caption.href = link.href;
    if (!box.open) box.showModal();
    box.querySelector(".close").focus();
  }

  function close() {
    stage.replaceChildren(); // stops a playing video
    if (box.open) box.close();
  }

  box.addEventListener("close", () => {
    stage.replaceChildren();
    if (opener) opener.focus();
  });
  box.querySelector(".prev").addEventListener("click", () => show(index - 1));
  box.querySelector(".next").addEventListener("click", () => show(index + 1));
  box.querySelector(".close").addEventListener("click", close);
  box.addEventListener("keydown", (event) => {
    if (event.key === "ArrowLeft") show(index - 1);
    else if (event.key === "ArrowRight") show(index + 1);
    else return;
    event.preventDefault();
  });
  // Swipe: a mostly horizontal stroke of 50 px or more turns the page.
  let startX = null;
  let startY = null;
  box.addEventListener("pointerdown", (event) => { startX = event.clientX; startY = event.clientY; });
  box.addEventListener("pointerup", (event) => {
    if (startX === null) return;
    const dx = event.clientX - startX;
    const dy = event.clientY - startY;
    startX = null;
    if (Math.abs(dx) > 50 && Math.abs(dx) > 2 * Math.abs(dy)) show(dx < 0 ? index + 1 : index - 1);
  });
  // A click on the dark backdrop (the dialog itself, not its content) closes.
  box.addEventListener("click", (event) => { if (event.target === box) close(); });

  grid.addEventListener("click", (event) => {
    const link = event.target.closest(".tile > a:not(.download)");
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    opener = link;
    show(tiles().indexOf(link.parentElement));
  });

  // ---- Drag and drop ordering (album pages): pointer events, so mouse, pen and touch work
  // alike. Each tile gets a handle; dropping saves the order with one request.
  const form = document.getElementById("items");
  if (!form || !form.dataset.order) return;
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
