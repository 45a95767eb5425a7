## The form to write a page, from the revision in "base" (0: a new page),
## with a preview or the conflict a save met above it, and the problems
## docutils found in the text, which the page itself never shows.  The
## newline after <textarea> is dropped by browsers, so that a newline the
## source starts with is kept.
<%inherit file="/base.mako"/>
<%namespace name="diffs" file="/pages/diffs.mako"/>
<%def name="heading()">Editing ${c.title}</%def>
<%def name="footer()">
  ${h.link_to('Back to ' + c.title, url('page', title=c.title))}
  % if c.base:
  · ${h.link_to('History', url('history', title=c.title), class_='history-link')}
  % endif
</%def>
% if c.look_alike is not None:
<section class="conflict look-alike">
  <p>${c.title} cannot be saved: its title looks like that of
    ${h.link_to(c.look_alike, url('page', title=c.look_alike), class_='look-alike-link')},
    an existing page, which readers would take it for. Write on that page,
    or choose a title of its own.</p>
</section>
% endif
% if c.conflict is not None:
<% other = c.conflict.head %>
<section class="conflict">
  % if other.deleted:
  <p>Nothing was saved: while you were editing, ${c.title} was deleted by
    ${other.author}, ${h.moment(other.created)}. Your text is kept below;
    save it again to write the page anew.</p>
  % else:
  <p>Nothing was saved: while you were editing, ${other.author} saved
    revision ${other.number}, ${h.moment(other.created)}, which changes the
    same lines as you do. Your text is kept below. The other change is shown
    here: bring it into your text, then save again.</p>
  ${diffs.inline(c.conflict_diff)}
  % endif
</section>
% endif
% if c.preview is not None:
<section class="preview">
  <p class="preview-note">Preview: this is how the page will look. Nothing
    is saved yet.</p>
  <article class="wiki-content">
  % if c.preview.title:
  <h2 class="document-title">${c.preview.title}</h2>
  % endif
${c.preview.html}
  </article>
</section>
% endif
% if c.problems:
<section class="problems">
  <p>Problems in this text's markup. Readers see the page without these
    notes; fix them in the text below.</p>
  <ul>
  % for problem in c.problems:
    <li class="${problem.severity}">${'Line %d' % problem.line if problem.line else 'The text'}
      (${problem.severity}): ${problem.message}</li>
  % endfor
  </ul>
</section>
% endif
${h.secure_form(url('save_page', title=c.title), class_='edit-page')}
  ${h.hidden('base', c.base)}
  <label for="content">Content, in
    <a href="https://docutils.sourceforge.io/docs/user/rst/quickref.html">reStructuredText</a>.
    WikiWords, such as FrontPage, become links to their pages.</label>
  <textarea id="content" name="content" rows="20" cols="80">
${c.content}</textarea>
  <label for="summary">Summary of your changes (optional)</label>
  ${h.text('summary', c.summary, maxlength=200, size=60)}
  <p class="buttons">${h.submit('save', 'Save')} ${h.submit('preview', 'Preview')}</p>
</form>
