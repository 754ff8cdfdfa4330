// Albumen upload: files from the picker, a drop or the clipboard go into a queue and are sent
// one request each, so every file has its own progress bar and its own answer; a total bar
// sums them. Without this script the form posts all files at once and the answer is a page.
"use strict";
(() => {
  const form = document.getElementById("upload-form");
  if (!form) return;
  const input = document.getElementById("files");
  const zone = document.getElementById("dropzone");
  const queue = document.getElementById("queue");
  const total = document.getElementById("total");
  const totalBar = document.getElementById("total-progress");
  const totalText = document.getElementById("total-text");
  const done = document.getElementById("upload-done");
  const button = document.getElementById("upload-button");
  const maxBytes = Number(form.dataset.maxBytes) || Infinity;
  const pending = [];
  let busy = false;

  input.required = false; // dropped or pasted files count too
  document.querySelectorAll(".js-only").forEach((el) => el.classList.add("on"));

  function human(bytes) {
    const units = ["B", "KB", "MB", "GB"];
    let value = bytes;
    let unit = 0;
    while (value >= 1000 && unit < units.length - 1) { value /= 1000; unit += 1; }
    return (Math.round(value * 10) / 10) + " " + units[unit];
  }

  function add(files) {
    for (const file of files) {
      const row = document.createElement("li");
      const name = document.createElement("span");
      name.className = "name";
      name.textContent = file.name || "pasted image";
      const bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      bar.setAttribute("aria-label", "Progress of " + name.textContent);
      const state = document.createElement("span");
      state.className = "state";
      state.textContent = human(file.size) + ", waiting";
      row.append(name, bar, state);
      queue.append(row);
      const entry = { file, row, bar, state, sent: 0 };
      if (file.size > maxBytes) {
        fail(entry, "Too large: at most " + (form.dataset.maxSize || human(maxBytes)) + " per file.");
      } else {
        pending.push(entry);
      }
    }
    total.hidden = false;
    updateTotal();
  }

  // An album made by this upload ("New album…") joins the menu and is chosen, so the rest of
  // the queue and the next upload go to it.
  function chooseAlbum(album) {
    const select = document.getElementById("album");
    if (!select) return;
    let option = Array.from(select.options).find((o) => o.value === album.code);
    if (!option) {
      option = new Option(album.name, album.code);
      select.insertBefore(option, select.querySelector('option[value="new"]'));
    }
    if (select.value !== album.code) {
      select.value = album.code;
      select.dispatchEvent(new Event("change"));
    }
  }

  function fail(entry, why) {
    entry.row.classList.add("failed");
    entry.state.textContent = "Not uploaded. " + why;
    entry.failed = true;
  }

  const all = () => Array.from(queue.children).length;
  let entries = [];
  function updateTotal() {
    const live = entries.concat(pending).filter((e) => !e.failed);
    const size = live.reduce((sum, e) => sum + e.file.size, 0);
    const sent = live.reduce((sum, e) => sum + e.sent, 0);
    totalBar.value = size ? Math.round((100 * sent) / size) : 0;
    totalText.textContent = human(sent) + " of " + human(size) + " · " + all() + " files";
  }

  // One file: the form's fields plus this file, answered in JSON.
  function send(entry) {
    return new Promise((resolve) => {
      const data = new FormData(form);
      data.delete("file");
      data.append("file", entry.file, entry.file.name || "pasted.png");
      const xhr = new XMLHttpRequest();
      xhr.open("POST", form.action);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.addEventListener("progress", (event) => {
        if (!event.lengthComputable) return;
        entry.sent = Math.min(entry.file.size, event.loaded);
        entry.bar.value = Math.round((100 * event.loaded) / event.total);
        entry.state.textContent = entry.bar.value + " %";
        updateTotal();
      });
      xhr.addEventListener("load", () => {
        let answer = null;
        try { answer = JSON.parse(xhr.responseText); } catch (_) { /* not JSON: nginx or network */ }
        const result = Array.isArray(answer) ? answer[0] : null;
        if (result && result.ok) {
          entry.sent = entry.file.size;
          if (result.album) chooseAlbum(result.album);
          entry.bar.value = 100;
          entry.row.classList.add("ok");
          // Bytes already in the library are not stored twice: the answer links to that item.
          entry.state.textContent = result.existing ? "You have this already. " : "Uploaded. ";
          const link = document.createElement("a");
          link.href = result.page;
          link.textContent = result.existing ? "Open the one you have" : "Open";
          entry.state.append(link);
        } else if (result && result.error) {
          fail(entry, result.error);
        } else if (answer && answer.error) {
          fail(entry, answer.error);
        } else if (xhr.status === 413) {
          fail(entry, "Too large for the server.");
        } else {
          fail(entry, "The server answered " + xhr.status + ".");
        }
        updateTotal();
        resolve();
      });
      xhr.addEventListener("error", () => { fail(entry, "The connection was lost."); resolve(); });
      entry.state.textContent = "0 %";
      xhr.send(data);
    });
  }

  async function run() {
    if (busy) return;
    busy = true;
    button.disabled = true;
    done.hidden = true;
    while (pending.length) {
      const entry = pending.shift();
      entries.push(entry);
      await send(entry);
    }
    busy = false;
    button.disabled = false;
    const ok = entries.filter((e) => !e.failed).length;
    const failed = all() - ok;
    done.textContent = ok + (ok === 1 ? " file uploaded" : " files uploaded") +
      (failed ? ", " + failed + " not uploaded (see why above)." : ".");
    done.hidden = false;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (input.files.length) add(input.files);
    input.value = "";
    if (!pending.length) {
      done.textContent = "Choose, drop or paste at least one photo or video first.";
      done.hidden = false;
      return;
    }
    run();
  });

  // Dropped files start at once; so do pasted images.
  for (const name of ["dragenter", "dragover"]) {
    zone.addEventListener(name, (event) => { event.preventDefault(); zone.classList.add("over"); });
  }
  zone.addEventListener("dragleave", () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("over");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      add(event.dataTransfer.files);
      run();
    }
  });
  document.addEventListener("paste", (event) => {
    const files = Array.from((event.clipboardData && event.clipboardData.files) || []);
    if (files.length) {
      add(files);
      run();
    }
  });
})();
