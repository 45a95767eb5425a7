## The confirmation of a deletion: the pages to delete, ticked.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Delete pages?')}</%def>
${h.secure_form(url('delete_confirmed'), class_='confirm-delete')}
  <p>${_('Delete these pages? Each keeps its history, from which it can be restored.')}</p>
  <ul class="titles">
  % for title in c.titles:
    <li><label class="tap-target">${h.checkbox('title', value=title, checked=True, id='delete-' + title,
                     title=_('Delete %(title)s') % dict(title=title))}</label>
      ${h.link_to(title, url('page', title=title))}</li>
  % endfor
  </ul>
  <label for="summary">${_('Why (optional)')}</label>
  ${h.text('summary', c.summary, maxlength=200)}
  ${h.submit('delete', _('Delete'))}
  ${h.link_to(_('Cancel'), url('pages'), class_='cancel-link')}
</form>
