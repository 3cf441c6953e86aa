# Copyright 2026 The After-Sales Suite Authors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import http
from odoo.http import request


class AftersalesRecallController(http.Controller):
    def _get_unit(self, unit_id, token):
        """The recalled unit when the link is valid, else an empty recordset.

        The token is checked first, in constant time; only then is the record read with
        sudo, since the owner is not logged in."""
        # sudo: a public visitor has no access right; the token check below is the guard
        unit = request.env["aftersales.recall.unit"].sudo().browse(unit_id).exists()
        if not unit or not unit._check_token(token):
            return unit.browse()
        return unit

    @http.route(
        "/aftersales/recall/<int:unit_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=False,
        sitemap=False,
    )
    def recall_notice(self, unit_id, token, **kwargs):
        unit = self._get_unit(unit_id, token)
        if not unit:
            return request.render("aftersales_rma.recall_invalid_page", status=404)
        return request.render("aftersales_rma.recall_page", {"unit": unit, "token": token})

    @http.route(
        "/aftersales/recall/<int:unit_id>/<string:token>/book",
        type="http",
        auth="public",
        methods=["POST"],
        website=False,
        sitemap=False,
    )
    def recall_book(self, unit_id, token, **post):
        unit = self._get_unit(unit_id, token)
        if not unit:
            return request.render("aftersales_rma.recall_invalid_page", status=404)
        unit._book_from_link()
        return request.render(
            "aftersales_rma.recall_page", {"unit": unit, "token": token, "booked": True}
        )
