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
  // The page's language: its labels, messages and number formats, as the
  // server wrote the board (data-texts).
  var texts = {};
  try {
    texts = JSON.parse(board.dataset.texts || "{}");
  } catch (e) {
    texts = {};
  }
  var labels = texts.states || {planned: "Planned", under_way: "Under way", done: "Done", not_found: "Not found", failed: "Failed", postponed: "Postponed"};
  var kinds = texts.kinds || {search: "House search", arrest: "Arrest", execution: "Execution", freezing: "Freezing", seizure: "Seizure"};
  var codes = texts.codes || {};
  var messages = texts.messages || {};
  var english = {live: "● live", reconnecting: "reconnecting…", noneYet: "none yet", closed: "Closed",
    withheld: "(reload the board for the name)", instrument: "instrument %d", pair: "%s: %s",
    opened: "Centre opened: %s", planned: "Planned: %s in %s (#%d)", moved: "%s #%d in %s: %s → %s",
    decision: "Decision on #%d: %s (instrument %d)", centreClosed: "Centre closed: the board is read-only.", who: "%s · %s"};

  // msg writes message name with its values, in the order of its %s and %d.
  function msg(name) {
    var args = Array.prototype.slice.call(arguments, 1);
    var i = 0;
    return String(messages[name] || english[name]).replace(/%[sd]/g, function () {
      return String(args[i++]);
    });
  }
  function num(n) {
    var sep = texts.separator === undefined ? "," : texts.separator;
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
  }
  function eur(n) {
    return (texts.euro || "EUR {}").replace("{}", num(n));
  }
  function quantity(q) {
    var s = String(q);
    if (s.indexOf(".") < 0) {
      return num(s);
    }
    return s.replace(".", texts.decimal || ".");
  }
  function setText(id, text) {
    var el = document.getElementById(id);
    if (el) {
      el.textContent = text;
    }
  }
  function when(iso) {
    var s = new Date(iso).toISOString();
    // In one pass, so that a year or month put in is not taken for the
    // month or day still to put.
    var parts = {"2001": s.slice(0, 4), "02": s.slice(5, 7), "03": s.slice(8, 10)};
    var day = (texts.date || "2001-02-03").replace(/2001|02|03/g, function (p) { return parts[p]; });
    return day + " " + s.slice(11, 16) + " UTC";
  }
  // localTime writes a planned moment as the board does: its hour and
  // minute in the country's zone, or in UTC, saying so, without one.
  function localTime(at, zone) {
    var d = new Date(at);
    if (zone) {
      try {
        return new Intl.DateTimeFormat("en-GB", {timeZone: zone, hour: "2-digit", minute: "2-digit", hourCycle: "h23"}).format(d);
      } catch (e) {
        // an unknown zone: UTC below
      }
    }
    return String(at).slice(11, 16) + " UTC";
  }
  function human(s) {
    return String(s || "").replace(/_/g, " ");
  }

  function tally(t) {
    setText("tally-targeted", num(t.targeted));
    setText("tally-arrested", num(t.arrested));
    setText("tally-searches", num(t.searches));
    setText("tally-seized", eur(t.seized_eur));
    setText("tally-frozen", eur(t.frozen_eur));
    var parts = (t.seizures || []).map(function (s) {
      var what = (codes[s.type] || human(s.type)) + (s.substance ? " (" + (codes[s.substance] || human(s.substance)) + ")" : "");
      if (!(s.quantity > 0)) {
        return what; // recorded, quantity not known: as the page draws it
      }
      var q = quantity(s.quantity) + (s.unit && s.unit !== "items" ? " " + (codes[s.unit] || s.unit) : "");
      return msg("pair", what, q);
    });
    setText("tally-seizures", parts.length ? parts.join(texts.listSeparator === undefined ? "; " : texts.listSeparator) : msg("noneYet"));
  }

  // place puts a new measure li (id) in its country's list in the order
  // the page draws them: by planned time, then by id.
  function place(list, li, id) {
    var at = Number(li.dataset.planned);
    var items = list.querySelectorAll("li.measure");
    for (var i = 0; i < items.length; i++) {
      var other = Number(items[i].dataset.planned);
      var otherID = Number(items[i].id.replace("measure-", ""));
      if (other > at || (other === at && otherID > id)) {
        list.insertBefore(li, items[i]);
        return;
      }
    }
    list.append(li);
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
      var time = document.createElement("span");
      time.className = "m-time";
      time.textContent = localTime(m.planned_at, list.dataset.zone);
      var strong = document.createElement("strong");
      strong.textContent = kinds[m.kind] || m.kind;
      var badge = document.createElement("span");
      badge.className = "badge m-state";
      head.append(time, " ", strong, " ", badge);
      var what = document.createElement("div");
      what.className = "m-what";
      what.textContent = m.place + (m.withheld ? " · " + msg("withheld") : "");
      var who = document.createElement("div");
      who.className = "m-who small muted";
      li.append(head, what, who);
      li.dataset.planned = String(Date.parse(m.planned_at));
      place(list, li, m.id);
    }
    li.className = "measure state-" + m.state;
    var st = li.querySelector(".m-state");
    if (st) {
      st.textContent = labels[m.state] || m.state;
    }
    // Who changed the measure last and when, as the page draws it: the
    // measure's own fields, not the event's (a decision changes neither).
    var who2 = li.querySelector(".m-who");
    if (who2) {
      who2.textContent = msg("who", m.changed_by, when(m.changed_at));
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
          a.textContent = msg("instrument", id);
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
    case "centre_opened": return msg("opened", ev.text);
    case "measure_planned":
      var kind = kinds[m.kind] || m.kind;
      return msg("planned", document.documentElement.lang === "en" ? kind.toLowerCase() : kind, m.country, m.id);
    case "measure_moved": return msg("moved", kinds[m.kind] || m.kind, m.id, m.country, labels[ev.from] || ev.from, labels[m.state] || m.state);
    case "message": return ev.text;
    case "decision": return msg("decision", ev.measure_id, ev.text, ev.instrument_id);
    case "centre_closed": return msg("centreClosed");
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
      st.textContent = msg("closed");
      st.className = "badge badge-closed";
    }
    board.querySelectorAll("form").forEach(function (f) { f.hidden = true; });
    es.close();
    live.textContent = "";
    var plan = document.getElementById("plan");
    if (plan) {
      plan.hidden = true;
    }
  }

  // A closed centre is read-only: nothing more happens on its board, so
  // it follows no stream and does not say it is live.
  var state = document.getElementById("centre-state");
  if (state && state.classList.contains("badge-closed")) {
    return;
  }
  var es = new EventSource(board.dataset.events + "?after=" + encodeURIComponent(board.dataset.last));
  es.onopen = function () { live.textContent = msg("live"); };
  es.onerror = function () { live.textContent = msg("reconnecting"); };
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
