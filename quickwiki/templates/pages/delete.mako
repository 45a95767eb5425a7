## The confirmation of a deletion: the pages to delete, ticked.
<%inherit file="/base.mako"/>
<%def name="heading()">Delete pages?</%def>
${h.secure_form(url('delete_confirmed'), class_='confirm-delete')}
  <p>Delete these pages? Each keeps its history, from which it can be
    restored.</p>
  <ul class="titles">
  % for title in c.titles:
    <li>${h.checkbox('title', value=title, checked=True, id='delete-' + title)}
      ${h.link_to(title, url('page', title=title))}</li>
  % endfor
  </ul>
  <label for="summary">Why (optional)</label>
  ${h.text('summary', c.summary, maxlength=200, size=60)}
  ${h.submit('delete', 'Delete')}
  ${h.link_to('Cancel', url('pages'), class_='cancel-link')}
</form>
