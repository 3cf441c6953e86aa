# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A document whose state changes only as its buttons change it, whatever path writes it (a
button, RPC, an import): the repair order and the trip (readme/CONFIGURE.md, "The repair's
state" and "On-site trips")."""

from collections import defaultdict

from odoo import _, models
from odoo.exceptions import UserError


class AftersalesStateGuardMixin(models.AbstractModel):
    """The document gives the changes of state its buttons make
    (`_aftersales_state_transitions`: {(from, to): the name of the check its button runs, or
    False}) and what to do to reach each state (`_aftersales_state_hint`); its write calls
    `_aftersales_check_state_change` before writing the state."""

    _name = "aftersales.state.guard.mixin"
    _description = "After-Sales State Guard"

    def _aftersales_state_transitions(self):
        """{(from, to): check}: the changes of state the buttons make; check is the name of
        the method that refuses entering `to` with what to do (the one the button calls), or
        False."""
        return {}

    def _aftersales_state_hint(self, state):
        """What to do to bring a record into `state` (the button), for the refusal messages."""
        return ""

    def _aftersales_state_owned_fields(self):
        """The fields the changes of state record (when, by whom, what the current round
        holds): refused to users' create and write (`_aftersales_check_state_owned`)."""
        return []

    def _aftersales_state_owned_message(self, fnames):
        """The refusal of writing the owned fields `fnames`: which buttons record them. A
        document that owns fields says it."""
        raise NotImplementedError(f"{self._name} must say which buttons record {fnames}")

    def _aftersales_check_state_owned(self, vals):
        """Refuse `vals` of a user's create (self empty) or write when it sets a field the
        changes of state own to another value than it has; the superuser may (a data fix)."""
        if self.env.su:
            return
        owned = []
        for fname in self._aftersales_state_owned_fields():
            if fname not in vals:
                continue
            field = self._fields[fname]
            if not self:
                changes = bool(vals[fname])
            else:
                value = field.convert_to_cache(vals[fname], self[:1])
                changes = any(field.convert_to_cache(rec[fname], rec) != value for rec in self)
            if changes:
                owned.append(fname)
        if owned:
            raise UserError(self._aftersales_state_owned_message(owned))

    def _aftersales_check_state_prepared(self, state):
        """Refuse `state` when the records are not as the button leaves them before it writes
        the state (e.g. what Odoo's own action does first); checked after the change's check."""

    def _aftersales_check_state_change(self, state):
        """Refuse writing `state` unless it is a change the buttons make, with what entering it
        needs (the check of _aftersales_state_transitions). The superuser may make a change
        outside the table (a data fix by a migration or the system), unchecked; a change of the
        table is checked for everyone, sudo() included. Returns the records whose change is one
        of the buttons' (what follows the change runs for them once the state is written)."""
        transitions = self._aftersales_state_transitions()
        entering = self.browse()
        by_from = defaultdict(lambda: self.browse())
        for record in self:
            if record.state != state:
                by_from[record.state] |= record
        for old, records in by_from.items():
            if (old, state) not in transitions:
                if self.env.su:
                    continue
                # the check of entering the state first: its message says what is missing
                for check in {c for (_o, to), c in transitions.items() if to == state and c}:
                    getattr(records, check)()
                labels = dict(self._fields["state"]._description_selection(self.env))
                raise UserError(
                    _(
                        "%(document)s %(names)s cannot go from %(old)s to %(new)s. %(hint)s",
                        document=self.env["ir.model"]._get(self._name).name,
                        names=", ".join(records.mapped("display_name")),
                        old=labels.get(old, old),
                        new=labels.get(state, state),
                        hint=self._aftersales_state_hint(state),
                    )
                )
            check = transitions[(old, state)]
            if check:
                getattr(records, check)()
            records._aftersales_check_state_prepared(state)
            entering |= records
        return entering
