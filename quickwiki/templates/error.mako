## The error document, shown by StatusCodeRedirect for an error status.
## A save refused for its form token gets its form back, with a new token.
<%inherit file="/base.mako"/>
<%def name="heading()">Error ${c.code}: ${c.reason}</%def>
<div class="error-document">
  <p class="explanation">${c.explanation}</p>
  % if c.detail:
  <p class="detail">${c.detail}</p>
  % endif
</div>
% if c.refused_save:
<p class="resubmit">Your text is below. Check that it is what you wrote,
  then save it again.</p>
${h.secure_form(c.refused_save['action'], class_='edit-page')}
  % for name, value in c.refused_save['hidden']:
  ${h.hidden(name, value, id=None)}
  % endfor
  <textarea id="content" name="content" rows="20" cols="80">
${c.refused_save['content']}</textarea>
  <input type="submit" value="Save again">
</form>
% endif
