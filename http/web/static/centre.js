// The live board of a coordination centre (README, Coordination centres
// (action day, live)): it follows the centre's event stream and updates
// measures, the tally and the log in place, without reloading. The
// browser's EventSource reconnects by itself and sends Last-Event-ID, so
// the server replays exactly what was missed.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.EventSource) {
    return;
  }
  var live = document.getElementById("live");
  var labels = {planned: "Planned", under_way: "Under way", done: "Done", not_found: "Not found", failed: "Failed", postponed: "Postponed"};
  var kinds = {search: "Search", arrest: "Arrest", execution: "Execution", freezing: "Freezing", seizure: "Seizure"};

  function num(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  }
  function setText(id, text) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = text;
    }
  }
  function when(iso) {
    var d = new Date(iso);
    return d.toISOString().slice(0, 16).replace("T", " ") + " UTC";
  }
  function human(s) {
    return String(s || "").replace(/_/g, " ");
  }

  function tally(t) {
    setText("tally-targeted", num(t.targeted));
    setText("tally-arrested", num(t.arrested));
    setText("tally-searches", num(t.searches));
    setText("tally-seized", "EUR " + num(t.seized_eur));
    setText("tally-frozen", "EUR " + num(t.frozen_eur));
    var parts = (t.seizures || []).map(function (s) {
      var what = human(s.type) + (s.substance ? " (" + human(s.substance) + ")" : "");
      var q = String(s.quantity) + (s.unit && s.unit !== "items" ? " " + s.unit : "");
      return what + ": " + q;
    });
    setText("tally-seizures", parts.length ? parts.join("; ") : "none yet");
  }

  function measure(ev) {
    var m = ev.measure;
    var li = document.getElementById("measure-" + m.id);
    if (!li) {
      var list = document.getElementById("measures-" + m.country);
      if (!list) {
        return;
      }
      var empty = list.querySelector(".empty");
      if (empty) {
        empty.remove();
      }
      li = document.createElement("li");
      li.id = "measure-" + m.id;
      var head = document.createElement("div");
      head.className = "m-head";
      var strong = document.createElement("strong");
      strong.textContent = kinds[m.kind] || m.kind;
      var badge = document.createElement("span");
      badge.className = "badge m-state";
      head.append(strong, " ", badge);
      var what = document.createElement("div");
      what.className = "m-what";
      what.textContent = m.place + (m.withheld ? " · (reload the board for the name)" : "");
      var who = document.createElement("div");
      who.className = "m-who small muted";
      li.append(head, what, who);
      list.append(li);
    }
    li.className = "measure state-" + m.state;
    var st = li.querySelector(".m-state");
    if (st) {
      st.textContent = labels[m.state] || m.state;
    }
    var who2 = li.querySelector(".m-who");
    if (who2) {
      who2.textContent = ev.user_name + (ev.country ? " (" + ev.country + ")" : "") + " · " + when(ev.at);
    }
    var form = li.querySelector("form.m-move");
    if (form) {
      form.querySelector(".m-version").value = m.version;
      var sel = form.querySelector(".m-next");
      sel.textContent = "";
      (m.next || []).forEach(function (s) {
        var o = document.createElement("option");
        o.value = s;
        o.textContent = labels[s] || s;
        sel.append(o);
      });
      form.hidden = !(m.next && m.next.length);
    }
    if (m.decisions && m.decisions.length) {
      var dec = li.querySelector(".m-decisions");
      if (dec) {
        dec.textContent = "";
        m.decisions.forEach(function (id) {
          var a = document.createElement("a");
          a.href = "/instruments/" + id;
          a.textContent = "instrument " + id;
          dec.append(a, " ");
        });
      }
    }
    li.classList.add("flash-update");
    setTimeout(function () { li.classList.remove("flash-update"); }, 1500);
  }

  function describe(ev) {
    var m = ev.measure;
    switch (ev.kind) {
    case "centre_opened": return "Centre opened: " + ev.text;
    case "measure_planned": return "Planned: " + (kinds[m.kind] || m.kind).toLowerCase() + " in " + m.country + " (#" + m.id + ")";
    case "measure_moved": return (kinds[m.kind] || m.kind) + " #" + m.id + " in " + m.country + ": " + (labels[ev.from] || ev.from) + " → " + (labels[m.state] || m.state);
    case "message": return ev.text;
    case "decision": return "Decision on #" + ev.measure_id + ": " + ev.text + " (instrument " + ev.instrument_id + ")";
    case "centre_closed": return "Centre closed: the board is read-only.";
    }
    return ev.kind;
  }

  function log(ev) {
    var list = document.getElementById("log-list");
    if (!list) {
      return;
    }
    var li = document.createElement("li");
    var t = document.createElement("time");
    t.className = "muted small";
    t.textContent = when(ev.at);
    var who = document.createElement("strong");
    who.textContent = ev.user_name;
    li.append(t, " ", who, (ev.country ? " (" + ev.country + ")" : "") + ": " + describe(ev));
    list.prepend(li);
  }

  function closed() {
    var st = document.getElementById("centre-state");
    if (st) {
      st.textContent = "Closed";
      st.className = "badge badge-closed";
    }
    board.querySelectorAll("form").forEach(function (f) { f.hidden = true; });
    var plan = document.getElementById("plan");
    if (plan) {
      plan.hidden = true;
    }
  }

  var es = new EventSource(board.dataset.events + "?after=" + encodeURIComponent(board.dataset.last));
  es.onopen = function () { live.textContent = "● live"; };
  es.onerror = function () { live.textContent = "reconnecting…"; };
  function handle(e) {
    var ev = JSON.parse(e.data);
    board.dataset.last = ev.seq;
    if (ev.tally) {
      tally(ev.tally);
    }
    if (ev.measure) {
      measure(ev);
    }
    log(ev);
    if (ev.kind === "centre_closed") {
      closed();
    }
  }
  ["centre_opened", "measure_planned", "measure_moved", "message", "decision", "centre_closed"].forEach(function (k) {
    es.addEventListener(k, handle);
  });
}());
