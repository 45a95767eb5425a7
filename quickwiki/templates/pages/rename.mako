## The form that renames a page, from the revision in "base".
<%inherit file="/base.mako"/>
<%def name="heading()">Rename ${c.title}</%def>
<%def name="footer()">
  ${h.link_to('Back to ' + c.title, url('page', title=c.title))}
</%def>
<p>The page moves to its new title with its whole history. Pages that
  link to ${c.title} keep their links, which lead to the new title through
  the redirect left here; you can have them changed next.</p>
${h.secure_form(url('rename', title=c.title), class_='rename')}
  ${h.hidden('base', c.base)}
  <p><label for="new">New title</label>
    ${h.text('new', '', maxlength=200, size=40, required='required')}</p>
  <p><label>${h.checkbox('redirect', value='true', checked=True)}
    Leave a redirect from ${c.title} to the new title</label></p>
  <p><label for="summary">Why (optional)</label>
    ${h.text('summary', '', maxlength=200, size=60)}</p>
  <p class="buttons">${h.submit('rename', 'Rename')}</p>
</form>
