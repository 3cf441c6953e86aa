# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression


class AftersalesOverdueMixin(models.AbstractModel):
    """The suite's one "overdue" rule: a document is overdue while it is open and its due date
    is past (before today for a date, before now for a date and time).

    A model inheriting the mixin says which field holds the due date in
    ``_overdue_date_fields`` (several: the first one set is the due date, e.g. the estimated
    completion date, else the date the customer asked for) and when the document is open in
    ``_overdue_open_domain``. It gets ``is_overdue``, computed and searchable (searching
    ``is_overdue = False`` also finds the documents without a due date)."""

    _name = "aftersales.overdue.mixin"
    _description = "Overdue Documents Mixin"
    _overdue_date_fields = ()
    _overdue_open_domain = []

    is_overdue = fields.Boolean(
        string="Overdue", compute="_compute_is_overdue", search="_search_is_overdue"
    )

    def _overdue_depends(self):
        names = list(self._overdue_date_fields)
        names += [leaf[0] for leaf in self._overdue_open_domain if isinstance(leaf, tuple | list)]
        return names

    @api.depends(lambda self: self._overdue_depends())
    def _compute_is_overdue(self):
        opened = self.filtered_domain(self._overdue_open_domain) if self else self
        limits = {name: self._overdue_limit(name) for name in self._overdue_date_fields}
        for record in self:
            record.is_overdue = False
            if record not in opened:
                continue
            for name in self._overdue_date_fields:
                if record[name]:
                    record.is_overdue = record[name] < limits[name]
                    break

    def _search_is_overdue(self, operator, value):
        if operator not in ("=", "!="):
            raise UserError(
                _(
                    "Search on '%(field)s' supports only = and != (Yes/No).",
                    field=self._fields["is_overdue"]._description_string(self.env),
                )
            )
        domain = self._overdue_domain()
        if (operator == "=") == bool(value):
            return domain
        return [("id", "not in", self._search(domain))]

    def _overdue_limit(self, name):
        """Now for a date and time, today (the user's) for a date."""
        if self._fields[name].type == "datetime":
            return fields.Datetime.now()
        return fields.Date.context_today(self)

    def _overdue_domain(self):
        """Domain of the overdue documents: open and the first due date set is past."""
        branches = []
        earlier_unset = []
        for name in self._overdue_date_fields:
            branches.append(
                expression.AND([earlier_unset, [(name, "<", self._overdue_limit(name))]])
            )
            earlier_unset = expression.AND([earlier_unset, [(name, "=", False)]])
        return expression.AND([list(self._overdue_open_domain), expression.OR(branches)])
