"""Stopwords per language: function words that say nothing about which event an article reports.

Written for storyline (lowercased, after the language's case folding, before stemming). Short on
purpose: a word missing here only costs a little idf weight, a content word listed here is lost.
"""

from __future__ import annotations

_DE = """
aber alle allem allen aller alles als also am an ander andere anderem anderen anderer anderes auch
auf aus bei beim bin bis bist da dabei dadurch dafür dagegen daher damit dann darauf darin darum
das dass dein deine dem den denn der des deshalb dessen die dies diese diesem diesen dieser dieses
doch dort du durch ein eine einem einen einer eines einig einige er es etwas euch euer für gegen
gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren
ihrer ihres im in indem ins ist jede jedem jeden jeder jedes jedoch jene jetzt kann kein keine
keinem keinen keiner können könnte machen man manche mehr mein meine mich mir mit muss musste
nach nicht nichts noch nun nur ob oder ohne sehr sei seien sein seine seinem seinen seiner seit
sich sie sind so solche soll sollen sollte sondern sonst soweit sowie über um und uns unser
unter viel vom von vor wann war waren warum was weil welche welchem welchen welcher welches wenn
wer werde werden wie wieder will wir wird wo wurde wurden zu zum zur zwar zwischen laut sagte
sagt heißt hieß bereits sowohl worden wäre wären
"""

_EN = """
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had
has have having he her here hers herself him himself his how i if in into is it its itself just
me more most my myself no nor not now of off on once only or other our ours ourselves out over
own same she should so some such than that the their theirs them themselves then there these they
this those through to too under until up very was we were what when where which while who whom
why will with would you your yours yourself yourselves said says say told according would could
also its it's mr mrs ms us
"""

_FR = """
a à afin ai aie aient aies ait alors as au aucun aucune aupres auquel aura aurai auraient aurais
aurait auras aurez auriez aurions aurons auront aussi autre autres aux auxquelles auxquels avaient
avais avait avant avec avez aviez avions avoir avons ayant ayez ayons c ça car ce ceci cela celle
celles celui cependant ces cet cette ceux chaque chez ci comme comment d dans de des donc dont du
elle elles en encore entre es est et étaient étais était étant été êtes étiez étions être eu eue
eues eurent eus eut eux fait faire fois furent fut ici il ils j je jusqu l la le les leur leurs
lors lorsque lui m ma mais me même mêmes mes moi mon n ne ni nos notre nous on ont or ou où par
parce pas peu peut plus pour pourquoi qu quand que quel quelle quelles quels qui s sa sans se sera
serait ses si sien sienne son sont sous sur t ta te tes toi ton tous tout toute toutes très tu un
une vos votre vous y selon déjà aussi après avant depuis
"""

_ES = """
a al algo algunas algunos ante antes como con contra cual cuando de del desde donde durante e el
él ella ellas ellos en entre era erais eran eras eres es esa esas ese eso esos esta está estaba
estaban estado están estar estas este esto estos fue fueron fui ha había habían han hasta hay la
las le les lo los más me mi mis mucho muy nada ni no nos nosotros o os otra otras otro otros para
pero poco por porque que qué quien quienes se sea ser será si sí sin sobre su sus también tanto
te tiene tienen todo todos tu tus un una uno unos y ya yo según dijo ha sido han sido
"""

_IT = """
a ad agli ai al alla alle allo anche c che chi ci come con contro cui da dagli dai dal dalla dalle
dallo degli dei del dell della delle dello di dopo dove e è ed era erano essere gli ha hanno i il
in io la le lei li lo loro lui ma mi nei nel nell nella nelle nello noi non o per perché più quale
quando quella quelle quelli quello questa queste questi questo se sei si sia siamo sono su sua sue
sugli sui sul sull sulla sulle suo suoi tra tu un una uno vi voi ha detto secondo anche già
"""

_TR = """
acaba ama ancak artık aslında az bana bazı belki ben beni benim bile bir birçok biri birkaç birşey
biz bize bizi bizim bu buna bunda bundan bunlar bunları bunların bunu bunun burada çok çünkü da
daha dahi de defa değil diğer diye dolayı en gibi göre hem hep hepsi her hiç için ile ise işte
kadar ki kim kimse mi mı mu mü nasıl ne neden nerede niçin o olan olarak oldu olduğu olduğunu
olmak olmadı olması olup on ona ondan onlar onları onların onu onun öyle sonra şey şu şuna şunu
tarafından tüm ve veya ya yani yaptı yapılan yer yine yüzde dedi ifade etti söyledi belirtti
"""

_AR = """
في من على إلى الى عن مع هذا هذه ذلك تلك التي الذي الذين اللذين اللتين ان أن إن لا ما لم لن كان
كانت يكون تكون قد كل بعد قبل عند بين حتى او أو ثم هو هي هم هن نحن انت أنت أنا انا له لها لهم
به بها فيه فيها منه منها عليه عليها اليه إليه وقد وكان وهو وهي ولا وما كما لكن غير أي اي اذا
إذا حيث هناك هنا ضمن خلال حول دون منذ لدى عبر ايضا أيضا وقال قال وأضاف اضاف وأكد اكد
"""


def _parse(block: str) -> frozenset[str]:
    return frozenset(block.split())


STOPWORDS: dict[str, frozenset[str]] = {
    "de": _parse(_DE),
    "en": _parse(_EN),
    "fr": _parse(_FR),
    "es": _parse(_ES),
    "it": _parse(_IT),
    "tr": _parse(_TR),
    "ar": _parse(_AR),
}
