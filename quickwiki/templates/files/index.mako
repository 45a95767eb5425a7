## A page's files: each with its size, its history and the way to delete
## it, and the form that uploads one (or a new revision of one).
<%inherit file="/base.mako"/>
<%def name="heading()">${_('Files of %(title)s') % dict(title=c.title)}</%def>
<%def name="actions()">
  ${h.link_to(_('Back to %(title)s') % dict(title=c.title), url('page', title=c.title))}
</%def>
<% editing = h.allowed('edit', c.title) %>
% if c.files:
<div class="table-scroll"><table class="files">
  <thead>
    <tr><th>${_('File')}</th><th>${_('Kind')}</th><th>${_('Size')}</th>
        <th>${_('Revision')}</th><th>${_('In a page')}</th></tr>
  </thead>
  <tbody>
  % for shown in c.files:
    <tr>
      <td>${h.link_to(shown.name, url('file', title=c.title, name=shown.name), class_='file-link')}</td>
      <td>${shown.media_type.split(';')[0]}\
% if shown.is_image:
, ${shown.width}×${shown.height}\
% endif
</td>
      <td class="number">${h.file_size(shown.size)}</td>
      <td class="number">${h.link_to(str(shown.number),
          url('file_history', title=c.title, name=shown.name), class_='file-history-link')}</td>
      ## What to write in the page's text to show or link the file.
      <td><code>${h.file_markup(shown)}</code></td>
    </tr>
  % endfor
  </tbody>
</table></div>
% else:
<p class="no-files">${_('%(title)s has no files yet.') % dict(title=c.title)}</p>
% endif
% if editing:
<h2>${_('Upload a file')}</h2>
${h.secure_form(url('upload', title=c.title), multipart=True, class_='upload', id='upload')}
  <p><label for="file">${_('File')}</label>
    <input type="file" id="file" name="file" required
           accept="image/png,image/jpeg,image/gif,image/webp,application/pdf,text/plain"></p>
  <p class="hint">${_('Images (PNG, JPEG, GIF, WebP), PDF files and plain text, of at most %(limit)s. Images are stored without the data cameras add, such as where they were taken.') % dict(limit=h.file_size(app_globals.max_file_size))}</p>
  <p><label for="name">${_('Name (optional: the file\'s own name otherwise; a name in use adds a revision)')}</label>
    ${h.text('name', '', maxlength=100)}</p>
  <p><label for="summary">${_('Summary (optional)')}</label>
    ${h.text('summary', c.summary, maxlength=200)}</p>
  <p class="buttons">${h.submit('upload', _('Upload'))}</p>
</form>
% endif
