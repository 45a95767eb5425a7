## The form to write a page, from the revision in "base" (0: a new page),
## with a preview or the conflict a save met above it, and the problems
## docutils found in the text, which the page itself never shows.  The
## newline after <textarea> is dropped by browsers, so that a newline the
## source starts with is kept.
<%inherit file="/base.mako"/>
<%! from pylons.secure_form import auth_token_hidden_field

from quickwiki.lib.helpers import FixedParts

fixed = FixedParts()
%>\
<%namespace name="diffs" file="/pages/diffs.mako"/>
<%def name="heading()">${_('Editing %(title)s') % dict(title=c.title)}</%def>
<%def name="actions()">
  <a href="${url('page', title=c.title)}">${_('Back to %(title)s') % dict(title=c.title)}</a>
  % if c.base:
  <a class="history-link" href="${url('history', title=c.title)}">${_('History')}</a>
  % endif
</%def>
% if c.look_alike is not None:
<section class="conflict look-alike">
  <p>${h.translated('%(title)s cannot be saved: its title looks like that of %(other)s, an existing page, which readers would take it for. Write on that page, or choose a title of its own.',
      title=c.title,
      other=h.link_to(c.look_alike, url('page', title=c.look_alike), class_='look-alike-link'))}</p>
</section>
% endif
% if c.conflict is not None:
<% other = c.conflict.head %>
<section class="conflict">
  % if other.deleted:
  <p>${_('Nothing was saved: while you were editing, %(title)s was deleted by %(author)s, %(when)s. Your text is kept below; save it again to write the page anew.') % dict(
      title=c.title, author=other.author, when=h.moment(other.created))}</p>
  % else:
  % if c.conflict.unmerged:
  <p>${_('Nothing was saved: while you were editing, %(author)s saved revision %(number)d, %(when)s, which could not be merged with your text (%(reason)s). Your text is kept below. The other change is shown here: bring it into your text, then save again.') % dict(
      author=other.author, number=other.number, when=h.moment(other.created), reason=c.conflict.unmerged)}</p>
  % else:
  <p>${_('Nothing was saved: while you were editing, %(author)s saved revision %(number)d, %(when)s, which changes the same lines as you do. Your text is kept below. The other change is shown here: bring it into your text, then save again.') % dict(
      author=other.author, number=other.number, when=h.moment(other.created))}</p>
  % endif
  % if c.conflict_diff is None:
  <p class="comparison-failed">${_('The other change could not be shown: %(reason)s. Compare the revisions in the page\'s history.') % dict(reason=c.comparison_failure)}</p>
  % else:
  ${diffs.inline(c.conflict_diff)}
  % if c.conflict_diff.omitted:
  <p class="changes-omitted">${_('And %(count)d more changed lines, left out to keep the page short.') % dict(count=c.conflict_diff.omitted)}</p>
  % endif
  % endif
  % endif
</section>
% endif
% if c.preview is not None:
<section class="preview">
  <p class="preview-note">${_('Preview: this is how the page will look. Nothing is saved yet.')}</p>
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
  <p>${_("Problems in this text's markup. Readers see the page without these notes; fix them in the text below.")}</p>
  <% severities = {'warning': _('warning'), 'error': _('error'), 'severe': _('severe')} %>
  <ul>
  % for problem in c.problems:
    <li class="${problem.severity}">${_('Line %(line)d') % dict(line=problem.line) if problem.line else _('The text')}
      (${severities.get(problem.severity, problem.severity)}): ${problem.message}</li>
  % endfor
  </ul>
</section>
% endif
<div class="editor">
## The form's start tag in plain markup, with the token's hidden field as
## h.secure_form writes it: its WebHelpers2 tag was a twentieth of the form.
<form action="${url('save_page', title=c.title)}" class="edit-page" method="POST">${auth_token_hidden_field()}
  ## quick.js shows it when its live preview stops (too many, or refused).
  <p class="live-preview-stopped hint" hidden>${_('The preview no longer follows your typing, to spare the wiki; the Preview button still shows it.')}</p>
  ## Plain markup, not h.hidden, h.text and h.submit: WebHelpers2 formats
  ## each attribute on its own, a third of the form's time.
  <input id="base" name="base" type="hidden" value="${c.base}" />
  <label for="content">${_('Content, in reStructuredText. WikiWords, such as FrontPage, become links to their pages.')}</label>
  <textarea id="content" name="content" rows="20" cols="80" aria-describedby="cheat-sheet">
${c.content}</textarea>
  <label for="summary">${_('Summary of your changes (optional)')}</label>
  <input id="summary" maxlength="200" name="summary" type="text" value="${c.summary}" />
  <p class="buttons"><input id="save" name="save" type="submit" value="${_('Save')}" /> <input id="preview" name="preview" type="submit" value="${_('Preview')}" /></p>
</form>
${cheat_sheet()}
</div>

## What the editor accepts, beside it: the reST the wiki renders.  The same
## for every reader of a language (translations only): rendered once for each.
<%def name="cheat_sheet()" decorator="fixed">
<aside class="cheat-sheet" id="cheat-sheet" aria-labelledby="cheat-sheet-heading">
  <h2 id="cheat-sheet-heading">${_('reStructuredText in this wiki')}</h2>
  <dl>
    <dt><code>*${_('emphasis')}*</code> <code>**${_('strong')}**</code> <code>``code``</code></dt>
    <dd>${_('Emphasis, strong text, code.')}</dd>
    <dt><pre>${_('Title')}
=====</pre></dt>
    <dd>${_('A heading. A lone one at the top is the page\'s title.')}</dd>
    <dt><pre>- ${_('item')}
- ${_('item')}

1. ${_('item')}</pre></dt>
    <dd>${_('Lists: a blank line before and after.')}</dd>
    <dt><code>FrontPage</code> <code>`Docs &lt;https://docutils.sf.net&gt;`_</code></dt>
    <dd>${_('A link to a page of the wiki, to another site.')}</dd>
    <dt><code>.. image:: Photo.png</code> <code>:file:`Report.pdf`</code></dt>
    <dd>${_("A picture, a link to a document: one of the page's Files (OtherPage/Photo.png: another page's).")}</dd>
    <dt><pre>.. code:: python

   print("Hello")</pre></dt>
    <dd>${_('Code, highlighted.')}</dd>
    <dt><pre>.. note:: ${_('Text')}</pre></dt>
    <dd>${_('A note; also tip, warning and danger.')}</dd>
    <dt><pre>===  ===
a    b
===  ===</pre></dt>
    <dd>${_('A table.')}</dd>
    <dt><code>${_('Text')} [#]_</code> <code>.. [#] ${_('Note')}</code></dt>
    <dd>${_('A footnote.')}</dd>
  </dl>
  <p>${_('Raw HTML and the directives that read files (raw, include) are off.')}
    <a href="https://docutils.sourceforge.io/docs/user/rst/quickref.html">${_('The whole of reStructuredText')}</a></p>
</aside>
</%def>
