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

    def _set_page_lang(self, feedback, lang=None):
        """The page speaks the language the visitor chose with the switch, else the
        customer's, else the browser's (an installed language only); returns the feedback
        request in that language."""
        installed = [code for code, _name in request.env["res.lang"].get_installed()]
        best = request.best_lang
        for candidate in (lang, feedback.partner_id.lang, best, best and best.split("_")[0]):
            if not candidate:
                continue
            code = next(
                (c for c in installed if c == candidate or c.split("_")[0] == candidate), None
            )
            if code:
                request.update_context(lang=code)
                break
        return feedback.with_context(lang=request.env.lang)

    def _render_not_open(self, request_id, token, lang=None):
        """A request that can no longer be answered: its own customer, with the right token,
        is thanked for the answer already given; any other link reveals nothing."""
        # sudo: as in _get_request, the token is the guard
        feedback = request.env["aftersales.feedback.request"].sudo().browse(request_id).exists()
        if feedback and feedback.state == "answered" and feedback._token_matches(token):
            feedback = self._set_page_lang(feedback, lang)
            return self._render("aftersales_feedback.feedback_answered_page", feedback, {})
        return request.render(
            "aftersales_feedback.feedback_invalid_page", {"feedback": False}, status=404
        )

    def _render(self, template, feedback, values):
        languages = request.env["res.lang"].get_installed()
        return request.render(
            template,
            dict(values, feedback=feedback, page_lang=request.env.lang, languages=languages),
        )

    def _render_form(self, feedback, token, values=None, errors=None):
        levels = feedback._fields[RATING_FIELDS[0]]._description_selection(request.env)
        return self._render(
            "aftersales_feedback.feedback_page",
            feedback,
            {
                "token": token,
                "values": values or {},
                "errors": errors or [],
                "levels": levels or RATING_LEVELS,
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
            return self._render_not_open(request_id, token, kwargs.get("lang"))
        feedback = self._set_page_lang(feedback, kwargs.get("lang"))
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
            return self._render_not_open(request_id, token, post.get("lang"))
        feedback = self._set_page_lang(feedback, post.get("lang"))
        values = {fname: post.get(fname) or False for fname in RATING_FIELDS}
        values["comment"] = (post.get("comment") or "")[:5000]
        errors = feedback._validate_answer(values)
        if errors:
            return self._render_form(feedback, token, values=values, errors=errors)
        try:
            feedback._submit_answer(values, channel="web")
        except (UserError, ValidationError) as error:
            return self._render_form(feedback, token, values=values, errors=[error.args[0]])
        return self._render("aftersales_feedback.feedback_thanks_page", feedback, {})
