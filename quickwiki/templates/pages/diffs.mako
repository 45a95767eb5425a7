## The layouts of a diff (quickwiki.lib.diffs.compare's hunks): inline,
## removed lines then added ones, or side by side.  Removed lines are in
## <del>, added ones in <ins>, with a sign for those who do not see the
## colours; within a replaced line, the words that changed are in <mark>.

<%def name="pieces(line)" filter="trim">
% for piece in line.pieces:
% if piece.changed:
<mark>${piece.text}</mark>\
% else:
${piece.text}\
% endif
% endfor
</%def>

<%def name="inline(hunks)">
<table class="diff diff-inline">
  % for hunk in hunks:
  <tbody class="hunk">
    % for block in hunk:
    % if block.kind == 'equal':
    % for old, new in block.rows():
    <tr class="same"><td class="number">${old.number}</td><td class="number">${new.number}</td>
      <td class="sign"></td><td class="text">${pieces(old)}</td></tr>
    % endfor
    % else:
    % for line in block.old:
    <tr class="removed"><td class="number">${line.number}</td><td class="number"></td>
      <td class="sign">−</td><td class="text"><del>${pieces(line)}</del></td></tr>
    % endfor
    % for line in block.new:
    <tr class="added"><td class="number"></td><td class="number">${line.number}</td>
      <td class="sign">+</td><td class="text"><ins>${pieces(line)}</ins></td></tr>
    % endfor
    % endif
    % endfor
  </tbody>
  % endfor
</table>
</%def>

<%def name="side_by_side(hunks)">
<table class="diff diff-side">
  % for hunk in hunks:
  <tbody class="hunk">
    % for block in hunk:
    % for old, new in block.rows():
    <tr>
      ${side(old, block.kind, 'removed', 'del', '−')}
      ${side(new, block.kind, 'added', 'ins', '+')}
    </tr>
    % endfor
    % endfor
  </tbody>
  % endfor
</table>
</%def>

<%def name="side(line, kind, change, tag, sign)">
% if line is None:
<td class="number"></td><td class="sign"></td><td class="text empty"></td>
% elif kind == 'equal':
<td class="number">${line.number}</td><td class="sign"></td><td class="text">${pieces(line)}</td>
% else:
<td class="number">${line.number}</td><td class="sign ${change}">${sign}</td><td class="text ${change}"><${tag}>${pieces(line)}</${tag}></td>
% endif
</%def>
