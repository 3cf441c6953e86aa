# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Reasons of the coverage service stored as data and rendered in the reader's language
(issue 18: stored explanations follow the reader)."""

from collections import namedtuple
from datetime import date as Date

from odoo import fields
from odoo.exceptions import MissingError
from odoo.tools import format_date
from odoo.tools.translate import LazyGettext, get_translation

MODULE = "aftersales_warranty"
SelectionLabel = namedtuple("SelectionLabel", ["model", "field", "key"])
RecordName = namedtuple("RecordName", ["record", "field"])


def encode_reason(value):
    """A lazy sentence (``_lt`` with its arguments), a date or a selection label as data
    that can be stored and rendered later in any language."""
    if isinstance(value, LazyGettext):
        args = value._args if isinstance(value._args, dict) else {}
        return {"msg": value._source, "args": {k: encode_reason(v) for k, v in args.items()}}
    if isinstance(value, SelectionLabel):
        return {"sel": list(value)}
    if isinstance(value, RecordName):
        return {"rec": [value.record._name, value.record.id, value.field]}
    if isinstance(value, Date):
        return {"date": fields.Date.to_string(value)}
    return value


def render_lazy(env, value):
    """The sentence of a lazy value (before ``encode_reason``) in the language of ``env``,
    reading records through their prefetched recordsets."""
    if isinstance(value, LazyGettext):
        args = value._args if isinstance(value._args, dict) else {}
        return get_translation(
            MODULE,
            env.lang or "en_US",
            value._source,
            {k: render_lazy(env, v) for k, v in args.items()},
        )
    if isinstance(value, RecordName):
        return value.record[value.field] if value.record else ""
    if isinstance(value, (SelectionLabel, Date)):
        return render_reason(env, encode_reason(value))
    return value


def prefetch_reason_records(env, data_list):
    """Read at once the names the stored sentences ``data_list`` refer to."""
    ids = {}

    def walk(data):
        if isinstance(data, dict):
            if "rec" in data:
                model, res_id, fname = data["rec"]
                ids.setdefault((model, fname), set()).add(res_id)
            for value in data.get("args", {}).values():
                walk(value)

    for data in data_list:
        walk(data)
    for (model, fname), res_ids in ids.items():
        if model in env:
            # sudo: the name of a warranty part is part of a sentence the reader may read
            env[model].sudo().browse(res_ids).exists().mapped(fname)


def render_reason(env, data):
    """The sentence of ``encode_reason`` data in the language of ``env``."""
    if isinstance(data, dict):
        if "msg" in data:
            args = {k: render_reason(env, v) for k, v in data.get("args", {}).items()}
            return get_translation(MODULE, env.lang or "en_US", data["msg"], args)
        if "sel" in data:
            model, fname, key = data["sel"]
            field = env[model]._fields.get(fname) if model in env else None
            if field and isinstance(field.selection, list):
                return dict(field._description_selection(env)).get(key, key)
            return key
        if "rec" in data:
            model, res_id, fname = data["rec"]
            if model not in env:
                return ""
            # sudo: the name of a warranty part is part of a sentence the reader may read
            try:
                return env[model].sudo().browse(res_id)[fname]
            except MissingError:
                return ""
        if "date" in data:
            return format_date(env, data["date"])
    return data
