## The form that renames a page, from the revision in "base".
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Rename %(title)s') % dict(title=c.title)}</%def>
<%def name="actions()">
  ${h.link_to(_('Back to %(title)s') % dict(title=c.title), url('page', title=c.title))}
</%def>
<p>${_('The page moves to its new title with its whole history. Pages that link to %(title)s keep their links, which lead to the new title through the redirect left here; you can have them changed next.') % dict(title=c.title)}</p>
${h.secure_form(url('rename', title=c.title), class_='rename')}
  ${h.hidden('base', c.base)}
  <p><label for="new">${_('New title')}</label>
    ${h.text('new', '', maxlength=200, required='required')}</p>
  <p><label>${h.checkbox('redirect', value='true', checked=True)}
    ${_('Leave a redirect from %(title)s to the new title') % dict(title=c.title)}</label></p>
  <p><label for="summary">${_('Why (optional)')}</label>
    ${h.text('summary', '', maxlength=200)}</p>
  <p class="buttons">${h.submit('rename', _('Rename'))}</p>
</form>
