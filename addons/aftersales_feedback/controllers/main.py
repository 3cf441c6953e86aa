# Copyright 2026 The After-Sales Suite Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from ..models.aftersales_feedback_request import (
    RATING_FIELDS,
    RATING_LEVELS,
)


class AftersalesFeedbackController(http.Controller):
    def _get_request(self, request_id, token):
        """The feedback request when the link is valid, else an empty recordset.

        The token is checked first, in constant time; only then is the record read with
        sudo, since the customer is not logged in."""
        # sudo: a public visitor has no access right; the token check below is the guard
        feedback = request.env["aftersales.feedback.request"].sudo().browse(request_id).exists()
        if not feedback or not feedback._check_token(token):
            return feedback.browse()
        return feedback

    def _render_not_open(self, request_id, token):
        """A request that can no longer be answered: its own customer, with the right token,
        is thanked for the answer already given; any other link reveals nothing."""
        # sudo: as in _get_request, the token is the guard
        feedback = request.env["aftersales.feedback.request"].sudo().browse(request_id).exists()
        if feedback and feedback.state == "answered" and feedback._token_matches(token):
            return request.render(
                "aftersales_feedback.feedback_answered_page", {"feedback": feedback}
            )
        return request.render(
            "aftersales_feedback.feedback_invalid_page", {"feedback": False}, status=404
        )

    def _render_form(self, feedback, token, values=None, errors=None):
        return request.render(
            "aftersales_feedback.feedback_page",
            {
                "feedback": feedback,
                "token": token,
                "values": values or {},
                "errors": errors or [],
                "levels": RATING_LEVELS,
                "points": [
                    (fname, feedback._fields[fname].get_description(request.env)["string"])
                    for fname in RATING_FIELDS
                ],
            },
        )

    @http.route(
        "/aftersales/feedback/<int:request_id>/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=False,
        sitemap=False,
    )
    def feedback_form(self, request_id, token, **kwargs):
        feedback = self._get_request(request_id, token)
        if not feedback:
            return self._render_not_open(request_id, token)
        return self._render_form(feedback, token)

    @http.route(
        "/aftersales/feedback/<int:request_id>/<string:token>/submit",
        type="http",
        auth="public",
        methods=["POST"],
        website=False,
        sitemap=False,
    )
    def feedback_submit(self, request_id, token, **post):
        feedback = self._get_request(request_id, token)
        if not feedback:
            return self._render_not_open(request_id, token)
        values = {fname: post.get(fname) or False for fname in RATING_FIELDS}
        values["comment"] = (post.get("comment") or "")[:5000]
        errors = feedback._validate_answer(values)
        if errors:
            return self._render_form(feedback, token, values=values, errors=errors)
        try:
            feedback._submit_answer(values, channel="web")
        except (UserError, ValidationError) as error:
            return self._render_form(feedback, token, values=values, errors=[error.args[0]])
        return request.render("aftersales_feedback.feedback_thanks_page", {"feedback": feedback})
