## The revisions of one of a page's files, newest first, with the form that
## deletes the file.
<%inherit file="/base.mako"/>
<%def name="heading()">${_('History of %(name)s') % dict(name=c.name)}</%def>
<%def name="actions()">
  ${h.link_to(_('Files of %(title)s') % dict(title=c.title), url('files', title=c.title), class_='files-link')}
</%def>
<div class="table-scroll"><table class="revisions">
  <thead>
    <tr><th>${_('Revision')}</th><th>${_('When')}</th><th>${_('Who')}</th>
        <th>${_('Size')}</th><th>${_('Summary')}</th></tr>
  </thead>
  <tbody>
  % for shown in c.revisions:
    <tr class="${'deletion' if shown.deleted else 'edit'}">
      <td class="number">\
% if shown.deleted:
${shown.number}\
% else:
${h.link_to(str(shown.number), url('file_revision', title=c.title, name=c.name, number=shown.number))}\
% endif
</td>
      <td>${h.moment(shown.created)}</td>
      <td class="author">${h.author(shown)}</td>
      <td class="number">${h.file_size(shown.size)}</td>
      <td class="summary">\
% if shown.deleted:
<span class="deletion-marker">${_('deleted the file')}</span> \
% endif
${shown.summary}</td>
    </tr>
  % endfor
  </tbody>
</table></div>
% if not c.revisions[0].deleted and h.allowed('edit', c.title):
${h.secure_form(url('delete_file', title=c.title, name=c.name), class_='delete-file')}
  <p><label for="summary">${_('Why (optional)')}</label>
    ${h.text('summary', '', maxlength=200)}
    ${h.submit('delete', _('Delete %(name)s') % dict(name=c.name))}</p>
</form>
% endif
