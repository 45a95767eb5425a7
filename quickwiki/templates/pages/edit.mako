## The form to write a page. The newline after <textarea> is dropped by
## browsers, so that a newline the source starts with is kept.
<%inherit file="/base.mako"/>
<%def name="heading()">Editing ${c.title}</%def>
<%def name="footer()">
  ${h.link_to('Back to ' + c.title, url('page', title=c.title))}
</%def>
${h.secure_form(url('save_page', title=c.title), class_='edit-page')}
  <label for="content">Content, in
    <a href="https://docutils.sourceforge.io/docs/user/rst/quickref.html">reStructuredText</a>.
    WikiWords, such as FrontPage, become links to their pages.</label>
  <textarea id="content" name="content" rows="20" cols="80">
${c.content}</textarea>
  ${h.submit('save', 'Save')}
</form>
