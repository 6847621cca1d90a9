<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ko_KR">
<context>
    <name>ActivationPlot</name>
    <message>
        <source>f′(x): the local gradient</source>
        <translation>f′(x): local gradient (기울기)</translation>
    </message>
</context>
<context>
    <name>ChapterController</name>
    <message>
        <source>Linear vs ReLU</source>
        <translation>Linear vs ReLU</translation>
    </message>
    <message>
        <source>The bundled comparison: the same spiral network with linear, then ReLU</source>
        <translation>내장 비교: 같은 spiral network를 linear로, 그다음 ReLU로</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Save the run list (options and final metrics) as CSV</source>
        <translation>실행 목록(옵션과 최종 지표)을 CSV로 저장</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>Accuracy (classification only)</source>
        <translation>정확도 (classification만)</translation>
    </message>
    <message>
        <source>Export runs</source>
        <translation>실행 목록 내보내기</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Saved {n} runs to {name}.</source>
        <translation>실행 {n}개를 {name}에 저장했습니다.</translation>
    </message>
    <message>
        <source>History: live</source>
        <translation>기록: 실시간</translation>
    </message>
    <message>
        <source>History: epoch {e} (recorded)</source>
        <translation>기록: epoch {e} (저장된 값)</translation>
    </message>
    <message>
        <source>Train or load a network first.</source>
        <translation>먼저 network를 훈련하거나 불러오세요.</translation>
    </message>
    <message>
        <source>Save Model</source>
        <translation>모델 저장</translation>
    </message>
    <message>
        <source>gradflow model (*.npz)</source>
        <translation>gradflow 모델 (*.npz)</translation>
    </message>
    <message>
        <source>Saved the model to {name}.</source>
        <translation>모델을 {name}에 저장했습니다.</translation>
    </message>
    <message>
        <source>Load Model</source>
        <translation>모델 불러오기</translation>
    </message>
    <message>
        <source>Loaded {name}: Start continues from it.</source>
        <translation>{name}을(를) 불러왔습니다: 시작하면 여기서부터 이어 갑니다.</translation>
    </message>
    <message>
        <source>Export as PyTorch</source>
        <translation>PyTorch로 내보내기</translation>
    </message>
    <message>
        <source>Python (*.py)</source>
        <translation>Python (*.py)</translation>
    </message>
    <message>
        <source>Wrote {name} and its weights beside it.</source>
        <translation>{name}과(와) 그 옆에 weight 파일을 썼습니다.</translation>
    </message>
</context>
<context>
    <name>Commands</name>
    <message>
        <source>Mark {node} as trainable</source>
        <translation>{node}을(를) 학습 대상(trainable)으로 표시</translation>
    </message>
    <message>
        <source>Mark {node} as data</source>
        <translation>{node}을(를) 데이터로 표시</translation>
    </message>
    <message>
        <source>Set {name} of {node}</source>
        <translation>{node}의 {name} 설정</translation>
    </message>
    <message>
        <source>Add {op}</source>
        <translation>{op} 추가</translation>
    </message>
    <message>
        <source>Connect {src} → {dst}</source>
        <translation>{src} → {dst} 연결</translation>
    </message>
    <message>
        <source>Disconnect {wire}</source>
        <translation>{wire} 연결 끊기</translation>
    </message>
    <message>
        <source>Move wire {src} → {dst}</source>
        <translation>연결선 {src} → {dst} 옮기기</translation>
    </message>
    <message>
        <source>Delete 1 item</source>
        <translation>항목 1개 삭제</translation>
    </message>
    <message>
        <source>Delete {count} items</source>
        <translation>항목 {count}개 삭제</translation>
    </message>
    <message>
        <source>Paste 1 node</source>
        <translation>노드 1개 붙여넣기</translation>
    </message>
    <message>
        <source>Paste {count} nodes</source>
        <translation>노드 {count}개 붙여넣기</translation>
    </message>
    <message>
        <source>Replace graph</source>
        <translation>그래프 바꾸기</translation>
    </message>
    <message>
        <source>Rename {node}</source>
        <translation>{node} 이름 바꾸기</translation>
    </message>
    <message>
        <source>Set output</source>
        <translation>output 지정</translation>
    </message>
    <message>
        <source>Move 1 node</source>
        <translation>노드 1개 이동</translation>
    </message>
    <message>
        <source>Move {count} nodes</source>
        <translation>노드 {count}개 이동</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>자동 배치</translation>
    </message>
    <message>
        <source>{action} failed: {reason}</source>
        <translation>{action}을(를) 할 수 없습니다: {reason}</translation>
    </message>
</context>
<context>
    <name>EditActions</name>
    <message>
        <source>&amp;Undo</source>
        <translation>실행 취소(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>다시 실행(&amp;R)</translation>
    </message>
    <message>
        <source>Undone: {}</source>
        <translation>실행 취소: {}</translation>
    </message>
    <message>
        <source>Redone: {}</source>
        <translation>다시 실행: {}</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>잘라내기(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>복사(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>붙여넣기(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>삭제(&amp;D)</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>모두 선택(&amp;A)</translation>
    </message>
    <message>
        <source>Auto-&amp;layout</source>
        <translation>자동 배치(&amp;L)</translation>
    </message>
    <message>
        <source>Cannot paste</source>
        <translation>붙여넣을 수 없습니다</translation>
    </message>
    <message>
        <source>The clipboard holds no gradflow nodes</source>
        <translation>클립보드에 gradflow node가 없습니다</translation>
    </message>
</context>
<context>
    <name>ExerciseDialog</name>
    <message>
        <source>New Exercise</source>
        <translation>새 연습 문제</translation>
    </message>
    <message>
        <source>The same level and seed always give the same exercise</source>
        <translation>같은 level과 seed는 언제나 같은 연습 문제를 만듭니다</translation>
    </message>
    <message>
        <source>&amp;Level:</source>
        <translation>level(&amp;L):</translation>
    </message>
    <message>
        <source>&amp;Seed:</source>
        <translation>seed(&amp;S):</translation>
    </message>
</context>
<context>
    <name>ExplainHtml</name>
    <message>
        <source>{n} · a column</source>
        <translation>{n} · 열벡터 (i행 = 원소 i)</translation>
    </message>
    <message>
        <source>{shape} · row = first index</source>
        <translation>{shape} · 행 = 첫 번째 index</translation>
    </message>
    <message>
        <source>row i, column j: ∂{out}ᵢ/∂{x}ⱼ, how output entry i moves with input entry j</source>
        <translation>i행 j열: ∂{out}ᵢ/∂{x}ⱼ, input 원소 j에 따라 output 원소 i가 얼마나 움직이는지</translation>
    </message>
    <message>
        <source>{x} flattened row-major</source>
        <translation>{x}, row-major로 펼침</translation>
    </message>
    <message>
        <source>local Jacobian {label}</source>
        <translation>local Jacobian {label}</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>cannot write {path}</source>
        <translation>{path}에 쓸 수 없습니다</translation>
    </message>
    <message>
        <source>gradflow graph</source>
        <translation>gradflow 그래프</translation>
    </message>
</context>
<context>
    <name>FileActions</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>최근 파일 열기(&amp;R)</translation>
    </message>
    <message>
        <source>Open &amp;Example</source>
        <translation>예제 열기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>새로 만들기(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>열기(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>저장(&amp;S)</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>다른 이름으로 저장(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>끝내기(&amp;Q)</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>저장하지 않은 변경</translation>
    </message>
    <message>
        <source>Save the changes to “{name}”?</source>
        <translation>“{name}”의 변경 내용을 저장할까요?</translation>
    </message>
    <message>
        <source>If you don&apos;t save, your changes will be lost.</source>
        <translation>저장하지 않으면 변경 내용이 사라집니다.</translation>
    </message>
    <message>
        <source>Open graph</source>
        <translation>graph 열기</translation>
    </message>
    <message>
        <source>gradflow graphs (*{ext});;All files (*)</source>
        <translation>gradflow graph (*{ext});;모든 파일 (*)</translation>
    </message>
    <message>
        <source>Reading {name}…</source>
        <translation>{name} 읽는 중…</translation>
    </message>
    <message>
        <source>Laying out {count} nodes…</source>
        <translation>노드 {count}개 배치하는 중…</translation>
    </message>
    <message>
        <source>Running the graph and drawing it…</source>
        <translation>그래프를 계산하고 그리는 중…</translation>
    </message>
    <message>
        <source>Cannot open graph</source>
        <translation>graph를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Cannot open example</source>
        <translation>예제를 열 수 없습니다</translation>
    </message>
    <message>
        <source>Save graph</source>
        <translation>graph 저장</translation>
    </message>
    <message>
        <source>Cannot save graph</source>
        <translation>graph를 저장할 수 없습니다</translation>
    </message>
    <message>
        <source>Saved {}</source>
        <translation>{}에 저장했습니다</translation>
    </message>
    <message>
        <source>{kind} image (*.{ext})</source>
        <translation>{kind} 이미지 (*.{ext})</translation>
    </message>
    <message>
        <source>Export {kind}</source>
        <translation>{kind} 내보내기</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Exported the selection to {name}</source>
        <translation>선택한 부분을 {name}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Exported the canvas to {name}</source>
        <translation>canvas를 {name}(으)로 내보냈습니다</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>제목 없음</translation>
    </message>
</context>
<context>
    <name>GraphScene</name>
    <message>
        <source>not finite: {0}</source>
        <translation>유한하지 않음: {0}</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>Drag an op from the palette onto the canvas (or double-click it).
Then drag from an output port ○ on the right of a node to an input on the left.</source>
        <translation>palette에서 op를 canvas로 끌어다 놓으세요 (또는 더블클릭).
그다음 node 오른쪽의 output port ○에서 다른 node 왼쪽의 input으로 끌어 연결하세요.</translation>
    </message>
</context>
<context>
    <name>HelpActions</name>
    <message>
        <source>&amp;Keyboard Shortcuts…</source>
        <translation>단축키(&amp;K)…</translation>
    </message>
    <message>
        <source>&amp;About gradflow</source>
        <translation>gradflow 정보(&amp;A)</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>단축키</translation>
    </message>
    <message>
        <source>About gradflow</source>
        <translation>gradflow 정보</translation>
    </message>
    <message>
        <source>Watch values flow forward and gradients flow back through a computational graph.</source>
        <translation>computational graph에서 value가 forward로, gradient가 backward로 흐르는 모습을 봅니다.</translation>
    </message>
    <message>
        <source>Mouse</source>
        <translation>마우스</translation>
    </message>
    <message>
        <source>Add a node</source>
        <translation>node 추가</translation>
    </message>
    <message>
        <source>drag an op from the palette, or double-click it</source>
        <translation>palette에서 op를 끌어 놓거나 더블클릭</translation>
    </message>
    <message>
        <source>Connect</source>
        <translation>연결</translation>
    </message>
    <message>
        <source>drag from an output port (right) to an input port (left)</source>
        <translation>output port(오른쪽)에서 input port(왼쪽)로 끌기</translation>
    </message>
    <message>
        <source>Select several</source>
        <translation>여러 개 선택</translation>
    </message>
    <message>
        <source>drag a rectangle over empty canvas</source>
        <translation>빈 canvas에서 사각형으로 끌기</translation>
    </message>
    <message>
        <source>Pan / zoom</source>
        <translation>이동 / 확대·축소</translation>
    </message>
    <message>
        <source>drag with the middle button / turn the wheel</source>
        <translation>가운데 버튼으로 끌기 / 휠 돌리기</translation>
    </message>
</context>
<context>
    <name>Inspector</name>
    <message>
        <source>Inspector</source>
        <translation>속성</translation>
    </message>
    <message>
        <source>a name shown on the canvas</source>
        <translation>canvas에 보이는 이름</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>이름</translation>
    </message>
    <message>
        <source>What this node computes, in terms of the inputs</source>
        <translation>이 node가 input으로 무엇을 계산하는지</translation>
    </message>
    <message>
        <source>Computes</source>
        <translation>계산</translation>
    </message>
    <message>
        <source>Formula</source>
        <translation>식</translation>
    </message>
    <message>
        <source>Local gradient</source>
        <translation>local gradient</translation>
    </message>
    <message>
        <source>Pattern</source>
        <translation>gate 규칙</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>value</translation>
    </message>
    <message>
        <source>Gradient</source>
        <translation>gradient</translation>
    </message>
    <message>
        <source>output node</source>
        <translation>output node</translation>
    </message>
    <message>
        <source>Backprop starts here: the seed gradient 1 enters at this node</source>
        <translation>backprop이 여기서 시작합니다: seed gradient 1이 이 node로 들어옵니다</translation>
    </message>
    <message>
        <source>This step</source>
        <translation>이번 step</translation>
    </message>
    <message>
        <source>Select a node to see its formula, value and gradient.</source>
        <translation>node를 선택하면 식, value, gradient가 보입니다.</translation>
    </message>
    <message>
        <source>— (not reached yet at this step)</source>
        <translation>— (이 step에서는 아직 도달하지 않음)</translation>
    </message>
    <message>
        <source>{error}: nothing was changed</source>
        <translation>{error}: 아무것도 바뀌지 않았습니다</translation>
    </message>
    <message>
        <source>Set value</source>
        <translation>value 설정</translation>
    </message>
    <message>
        <source>Constant c</source>
        <translation>상수 c</translation>
    </message>
    <message>
        <source>Exponent c</source>
        <translation>지수 c</translation>
    </message>
    <message>
        <source>Outputs</source>
        <translation>output 수</translation>
    </message>
    <message>
        <source>trainable (off: a data input)</source>
        <translation>trainable (끄면 data input)</translation>
    </message>
</context>
<context>
    <name>LanguageActions</name>
    <message>
        <source>Language</source>
        <translation>언어</translation>
    </message>
    <message>
        <source>gradflow will be in {language} from its next start.</source>
        <translation>gradflow를 다음에 시작할 때부터 {language}(으)로 표시합니다.</translation>
    </message>
    <message>
        <source>Restart now? Unsaved changes are asked about first.</source>
        <translation>지금 다시 시작할까요? 저장하지 않은 변경이 있으면 먼저 묻습니다.</translation>
    </message>
    <message>
        <source>Restart Now</source>
        <translation>지금 다시 시작</translation>
    </message>
    <message>
        <source>Later</source>
        <translation>나중에</translation>
    </message>
</context>
<context>
    <name>LimitActions</name>
    <message>
        <source>Element &amp;Limit…</source>
        <translation>원소 수 한도(&amp;L)…</translation>
    </message>
    <message>
        <source>Element limit</source>
        <translation>원소 수 한도</translation>
    </message>
    <message>
        <source>The most numbers one node&apos;s value may hold. Bigger values are refused
before anything is computed, so a file cannot exhaust the memory.</source>
        <translation>node 하나의 value가 담을 수 있는 숫자의 최대 개수입니다. 더 큰 value는
계산하기 전에 거부되므로 파일 하나가 메모리를 다 써 버릴 수 없습니다.</translation>
    </message>
    <message>
        <source>Element limit: {0} numbers per node</source>
        <translation>원소 수 한도: node당 숫자 {0}개</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>1 node not computed yet</source>
        <translation>node 1개를 아직 계산하지 못했습니다</translation>
    </message>
    <message>
        <source>{n} nodes not computed yet</source>
        <translation>node {n}개를 아직 계산하지 못했습니다</translation>
    </message>
    <message>
        <source>1 node · computed</source>
        <translation>node 1개 · 계산 완료</translation>
    </message>
    <message>
        <source>{n} nodes · computed</source>
        <translation>node {n}개 · 계산 완료</translation>
    </message>
</context>
<context>
    <name>Menu</name>
    <message>
        <source>&amp;File</source>
        <translation>파일(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>편집(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>보기(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Player</source>
        <translation>재생(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>도움말(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Docks</source>
        <translation>패널(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>언어(&amp;L)</translation>
    </message>
    <message>
        <source>E&amp;xport Image</source>
        <translation>이미지 내보내기(&amp;X)</translation>
    </message>
    <message>
        <source>&amp;Precision</source>
        <translation>정밀도(&amp;P)</translation>
    </message>
</context>
<context>
    <name>Minimap</name>
    <message>
        <source>The whole graph: click to look there</source>
        <translation>전체 그래프: 클릭하면 그곳을 봅니다</translation>
    </message>
</context>
<context>
    <name>NetworkBatchBox</name>
    <message>
        <source> samples</source>
        <translation> 샘플</translation>
    </message>
    <message>
        <source> sample</source>
        <translation> 샘플</translation>
    </message>
    <message>
        <source>How many training samples the network graph carries (1 to 8)</source>
        <translation>network graph에 넣을 training sample 수 (1~8)</translation>
    </message>
</context>
<context>
    <name>NetworkNote</name>
    <message>
        <source>Here W is stored inputs × units ({shapes}): s = X·W, one sample per row of X.
The lecture writes W ∈ R^(c×d), s = W x: the same numbers, transposed.</source>
        <translation>여기서 W는 입력 × unit 으로 저장됩니다 ({shapes}): s = X·W, X의 한 행이 한 sample입니다.
강의는 W ∈ R^(c×d), s = W x 로 씁니다: 같은 숫자를 transpose 한 것입니다.</translation>
    </message>
</context>
<context>
    <name>NeuronActions</name>
    <message>
        <source>&amp;Neuron View</source>
        <translation>Neuron 보기(&amp;N)</translation>
    </message>
    <message>
        <source>Switch between the op graph and the network&apos;s units and weights</source>
        <translation>op graph와 network의 unit·weight 그림 사이를 전환합니다</translation>
    </message>
</context>
<context>
    <name>NeuronPanel</name>
    <message>
        <source>Lines: W (blue +, orange −) until the backward pass reaches their layer, then dW, the gradient (red +, teal −); width |value|. Red italics: dL/d unit.</source>
        <translation>선: backward pass가 그 layer에 닿기 전에는 W (파랑 +, 주황 −), 그 뒤에는 dW, gradient (빨강 +, 청록 −); 굵기는 |값|. 빨간 기울임: dL/d unit.</translation>
    </message>
    <message>
        <source>&amp;Sample:</source>
        <translation>샘플(&amp;S):</translation>
    </message>
    <message>
        <source>Which sample of the batch the units show</source>
        <translation>unit이 보여 주는 batch의 샘플</translation>
    </message>
    <message>
        <source> of {n}</source>
        <translation> / {n}</translation>
    </message>
</context>
<context>
    <name>NeuronView</name>
    <message>
        <source>Step 0: press → to walk the network forward, then backward.</source>
        <translation>0단계: →를 누르면 network를 forward로, 이어서 backward로 따라갑니다.</translation>
    </message>
    <message>
        <source>The whole run: every unit&apos;s value and gradient, dW on every line.</source>
        <translation>전체 실행: 모든 unit의 value와 gradient, 모든 선에 dW.</translation>
    </message>
    <message>
        <source>Step {step} of {total}, forward: {node}</source>
        <translation>{total}단계 중 {step}단계, forward: {node}</translation>
    </message>
    <message>
        <source>Step {step} of {total}, backward: {node}</source>
        <translation>{total}단계 중 {step}단계, backward: {node}</translation>
    </message>
    <message>
        <source>Step {step} of {total}, forward: {node}, at layer {layer}&apos;s units</source>
        <translation>{total}단계 중 {step}단계, forward: {node}, layer {layer}의 unit</translation>
    </message>
    <message>
        <source>Step {step} of {total}, backward: {node}, at layer {layer}&apos;s units (their gradients in red)</source>
        <translation>{total}단계 중 {step}단계, backward: {node}, layer {layer}의 unit (gradient는 빨강)</translation>
    </message>
    <message>
        <source>Step {step} of {total}, forward: {node}, at the lines of {w}</source>
        <translation>{total}단계 중 {step}단계, forward: {node}, {w}의 선</translation>
    </message>
    <message>
        <source>Step {step} of {total}, backward: {node}, at the lines of {w}: they show d{w}, the gradient</source>
        <translation>{total}단계 중 {step}단계, backward: {node}, {w}의 선: 이제 gradient d{w}를 보여 줍니다</translation>
    </message>
    <message>
        <source>Step {step} of {total}, forward: {node}, at the loss</source>
        <translation>{total}단계 중 {step}단계, forward: {node}, loss</translation>
    </message>
    <message>
        <source>Step {step} of {total}, backward: {node}, at the loss, where the gradient starts</source>
        <translation>{total}단계 중 {step}단계, backward: {node}, gradient가 시작되는 loss</translation>
    </message>
    <message>
        <source>The units show the batch&apos;s one sample; W, dW and the loss are the batch&apos;s.</source>
        <translation>unit은 batch의 샘플 하나를 보여 줍니다; W, dW, loss는 batch 전체의 것입니다.</translation>
    </message>
    <message>
        <source>The units show sample {k} of {n}; W, dW and the loss are over all {n} samples.</source>
        <translation>unit은 샘플 {n}개 중 {k}번째를 보여 줍니다; W, dW, loss는 {n}개 샘플 전체의 것입니다.</translation>
    </message>
    <message>
        <source>d{w}[{i}, {j}] = {value}: the gradient of the weight from unit {i} of layer {k} to unit {j} of layer {next}, over the whole batch</source>
        <translation>d{w}[{i}, {j}] = {value}: layer {k}의 unit {i}에서 layer {next}의 unit {j}로 가는 weight의 gradient (batch 전체)</translation>
    </message>
    <message>
        <source>{w}[{i}, {j}] = {value}: the weight from unit {i} of layer {k} to unit {j} of layer {next}</source>
        <translation>{w}[{i}, {j}] = {value}: layer {k}의 unit {i}에서 layer {next}의 unit {j}로 가는 weight</translation>
    </message>
    <message>
        <source>value of {node}: {value}</source>
        <translation>{node}의 value: {value}</translation>
    </message>
    <message>
        <source>gradient at {node}: {value}</source>
        <translation>{node}의 gradient: {value}</translation>
    </message>
    <message>
        <source>layer {k}: {node}</source>
        <translation>layer {k}: {node}</translation>
    </message>
    <message>
        <source>red: dL/d{node}</source>
        <translation>빨강: dL/d{node}</translation>
    </message>
</context>
<context>
    <name>NumberSpin</name>
    <message>
        <source>Type a number (e.g. -2, 0.5 or 1e-3) and press Enter</source>
        <translation>숫자를 입력하고 (예: -2, 0.5, 1e-3) Enter를 누르세요</translation>
    </message>
</context>
<context>
    <name>OpenProgress</name>
    <message>
        <source>Opening a big graph</source>
        <translation>큰 그래프 여는 중</translation>
    </message>
</context>
<context>
    <name>Palette</name>
    <message>
        <source>Inputs</source>
        <translation>Input</translation>
    </message>
    <message>
        <source>Gates</source>
        <translation>Gate</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Activation</translation>
    </message>
    <message>
        <source>Tensor ops</source>
        <translation>Tensor op</translation>
    </message>
    <message>
        <source>Losses</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Palette</source>
        <translation>팔레트</translation>
    </message>
    <message>
        <source>Find an op…</source>
        <translation>op 찾기…</translation>
    </message>
    <message>
        <source>Type to filter the ops; Enter adds the first match at the canvas centre.
Or drag an op onto the canvas, or double-click it.</source>
        <translation>입력해서 op를 거르세요. Enter를 누르면 첫 번째 op가 canvas 가운데에 추가됩니다.
또는 op를 canvas로 끌어 놓거나 더블클릭하세요.</translation>
    </message>
</context>
<context>
    <name>PanelBody</name>
    <message>
        <source>Start</source>
        <translation>시작</translation>
    </message>
    <message>
        <source>Start or continue training</source>
        <translation>training 시작 또는 이어 하기</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>일시 정지</translation>
    </message>
    <message>
        <source>Pause or resume</source>
        <translation>일시 정지 또는 재개</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>Stop after this iteration</source>
        <translation>이번 iteration이 끝나면 정지</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>초기화</translation>
    </message>
    <message>
        <source>Forget this run</source>
        <translation>이 실행을 지움</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSV 내보내기…</translation>
    </message>
    <message>
        <source>Save the metrics as a CSV table</source>
        <translation>지표를 CSV 표로 저장</translation>
    </message>
    <message>
        <source>Open network as graph</source>
        <translation>network를 graph로 열기</translation>
    </message>
    <message>
        <source>Show the current MLP on the canvas</source>
        <translation>현재 MLP를 canvas에 표시</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>로그 눈금</translation>
    </message>
    <message>
        <source>Logarithmic loss and gradient-norm axes</source>
        <translation>loss와 gradient norm 축을 로그 눈금으로</translation>
    </message>
    <message>
        <source>Choose the options and press Start.</source>
        <translation>옵션을 고르고 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>Run list</source>
        <translation>실행 목록</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>재개</translation>
    </message>
    <message>
        <source>Export metrics</source>
        <translation>지표 내보내기</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>cannot write {path}: {why}</source>
        <translation>{path}에 쓸 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>Saved {rows} rows to {name}.</source>
        <translation>{rows}행을 {name}에 저장했습니다.</translation>
    </message>
</context>
<context>
    <name>PlayerDock</name>
    <message>
        <source>▶ Play</source>
        <translation>▶ 재생</translation>
    </message>
    <message>
        <source>❚❚ Pause</source>
        <translation>❚❚ 일시 정지</translation>
    </message>
    <message>
        <source>Player</source>
        <translation>재생</translation>
    </message>
    <message>
        <source>Go to start (Home)</source>
        <translation>처음으로 (Home)</translation>
    </message>
    <message>
        <source>Step back (←)</source>
        <translation>한 step 뒤로 (←)</translation>
    </message>
    <message>
        <source>Play / pause (Space)</source>
        <translation>재생 / 일시 정지 (Space)</translation>
    </message>
    <message>
        <source>Step (→)</source>
        <translation>한 step 앞으로 (→)</translation>
    </message>
    <message>
        <source>Go to end (End)</source>
        <translation>끝으로 (End)</translation>
    </message>
    <message>
        <source>Playback speed</source>
        <translation>재생 속도</translation>
    </message>
</context>
<context>
    <name>PlayerMenu</name>
    <message>
        <source>&amp;Play / Pause</source>
        <translation>재생 / 일시 정지(&amp;P)</translation>
    </message>
    <message>
        <source>Step &amp;Forward</source>
        <translation>한 step 앞으로(&amp;F)</translation>
    </message>
    <message>
        <source>Step &amp;Back</source>
        <translation>한 step 뒤로(&amp;B)</translation>
    </message>
    <message>
        <source>Go to &amp;Start</source>
        <translation>처음으로(&amp;S)</translation>
    </message>
    <message>
        <source>Go to &amp;End</source>
        <translation>끝으로(&amp;E)</translation>
    </message>
    <message>
        <source>Sp&amp;eed</source>
        <translation>속도(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Pause</source>
        <translation>일시 정지(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Play</source>
        <translation>재생(&amp;P)</translation>
    </message>
</context>
<context>
    <name>PlotGrid</name>
    <message>
        <source>More tabs</source>
        <translation>다른 탭</translation>
    </message>
    <message>
        <source>Show these plots</source>
        <translation>이 plot 보기</translation>
    </message>
</context>
<context>
    <name>PracticeMode</name>
    <message>
        <source>Pr&amp;actice</source>
        <translation>연습(&amp;A)</translation>
    </message>
    <message>
        <source>Predict each value and gradient before it is revealed</source>
        <translation>각 value와 gradient가 보이기 전에 예측해 보세요</translation>
    </message>
    <message>
        <source>Right - step {k} revealed.</source>
        <translation>정답 - step {k} 공개.</translation>
    </message>
    <message>
        <source>Right now - step {k} revealed.</source>
        <translation>이번엔 정답 - step {k} 공개.</translation>
    </message>
    <message>
        <source>The end of the run.</source>
        <translation>실행 끝.</translation>
    </message>
    <message>
        <source>Step {k}: nothing to predict here - press → to reveal it.</source>
        <translation>Step {k}: 예측할 것이 없습니다 - →를 눌러 공개하세요.</translation>
    </message>
    <message>
        <source>Step {k}: answered - press → to reveal it again.</source>
        <translation>Step {k}: 답함 - →를 눌러 다시 공개하세요.</translation>
    </message>
    <message>
        <source>No answers yet.</source>
        <translation>아직 답이 없습니다.</translation>
    </message>
    <message>
        <source>Score: {k} of {n} right at the first try</source>
        <translation>점수: {n}개 중 {k}개를 첫 시도에 맞힘</translation>
    </message>
    <message>
        <source>weakest gate: {gate}</source>
        <translation>가장 약한 gate: {gate}</translation>
    </message>
    <message>
        <source>Predict step {k} first: type the numbers and press Enter.</source>
        <translation>먼저 step {k}을(를) 예측하세요: 숫자를 입력하고 Enter를 누르세요.</translation>
    </message>
</context>
<context>
    <name>PracticePanel</name>
    <message>
        <source>Check (Enter)</source>
        <translation>확인 (Enter)</translation>
    </message>
    <message>
        <source>Hint</source>
        <translation>힌트</translation>
    </message>
    <message>
        <source>How close an answer must be, relative to the number</source>
        <translation>답이 정답에 얼마나 가까워야 하는지 (상대 오차)</translation>
    </message>
    <message>
        <source>within {p} %</source>
        <translation>{p} % 이내</translation>
    </message>
    <message>
        <source>shown, not asked ({shape})</source>
        <translation>표시만 하고 묻지 않음 ({shape})</translation>
    </message>
</context>
<context>
    <name>PrecisionActions</name>
    <message numerus="yes">
        <source>%n significant digit(s)</source>
        <translation>
            <numerusform>유효숫자 %n자리</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Presentation</name>
    <message>
        <source>Presentation mode: F5 or Esc to leave</source>
        <translation>발표 모드: F5나 Esc로 나가기</translation>
    </message>
    <message>
        <source>&amp;Presentation Mode</source>
        <translation>발표 모드(&amp;P)</translation>
    </message>
    <message>
        <source>Leave Presentation Mode</source>
        <translation>발표 모드 나가기</translation>
    </message>
</context>
<context>
    <name>ProgramBar</name>
    <message>
        <source>Program</source>
        <translation>프로그램</translation>
    </message>
    <message>
        <source>Type a program, e.g.  x = -2; y = 5; z = -4; f = (x + y) * z  and press Enter</source>
        <translation>프로그램을 입력하고 Enter를 누르세요, 예:  x = -2; y = 5; z = -4; f = (x + y) * z</translation>
    </message>
    <message>
        <source>Enter builds the graph (one undoable edit); Shift+Enter starts a new line; Esc shows the canvas&apos;s program again. Ctrl+L comes here.</source>
        <translation>Enter로 graph를 만듭니다 (실행 취소할 수 있는 편집 하나). Shift+Enter는 줄 바꿈, Esc는 canvas의 프로그램을 다시 보여 줍니다. Ctrl+L로 여기로 옵니다.</translation>
    </message>
    <message>
        <source>Replace canvas</source>
        <translation>canvas 바꾸기</translation>
    </message>
    <message>
        <source>Insert beside</source>
        <translation>옆에 넣기</translation>
    </message>
    <message>
        <source>Whether Enter replaces the canvas or adds the new graph</source>
        <translation>Enter가 canvas를 바꿀지, 새 graph를 옆에 더할지</translation>
    </message>
    <message>
        <source>Build</source>
        <translation>만들기</translation>
    </message>
    <message>
        <source>Build the program into a graph (Enter)</source>
        <translation>프로그램으로 graph 만들기 (Enter)</translation>
    </message>
    <message>
        <source>Copy gates</source>
        <translation>copy gate</translation>
    </message>
    <message>
        <source>Draw a copy gate wherever a name is used more than once (copy adds)</source>
        <translation>이름을 두 번 이상 쓰는 곳마다 copy gate를 그림 (copy gate는 gradient를 합침)</translation>
    </message>
    <message>
        <source>Type a &amp;Program</source>
        <translation>프로그램 입력(&amp;P)</translation>
    </message>
    <message>
        <source>Build from program</source>
        <translation>프로그램으로 만들기</translation>
    </message>
    <message>
        <source>Built {n} nodes · Ctrl+Z undoes it</source>
        <translation>node {n}개를 만들었습니다 · Ctrl+Z로 취소</translation>
    </message>
    <message>
        <source>This graph has no program: {why}</source>
        <translation>이 graph는 프로그램으로 쓸 수 없습니다: {why}</translation>
    </message>
    <message>
        <source>The canvas changed; Esc shows its program, Enter builds yours</source>
        <translation>canvas가 바뀌었습니다. Esc는 canvas의 프로그램을, Enter는 입력한 프로그램으로 graph를 만듭니다</translation>
    </message>
    <message>
        <source>This graph is too big to show as a program ({n} nodes)</source>
        <translation>이 graph는 프로그램으로 보여 주기에 너무 큽니다 (node {n}개)</translation>
    </message>
    <message>
        <source>This graph is too big to show as a program ({n} nodes, {k} numbers)</source>
        <translation>이 graph는 프로그램으로 보여 주기에 너무 큽니다 (node {n}개, 숫자 {k}개)</translation>
    </message>
</context>
<context>
    <name>ProgressReport</name>
    <message>
        <source>epoch {epoch}/{epochs} · {left} s left</source>
        <translation>epoch {epoch}/{epochs} · {left}초 남음</translation>
    </message>
    <message>
        <source>paused at epoch {epoch}/{epochs}</source>
        <translation>epoch {epoch}/{epochs}에서 일시 정지</translation>
    </message>
    <message>
        <source>stopped at epoch {epoch}/{epochs}</source>
        <translation>epoch {epoch}/{epochs}에서 정지</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>정지</translation>
    </message>
    <message>
        <source>done: {epochs} epochs</source>
        <translation>완료: epoch {epochs}번</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>실패</translation>
    </message>
    <message>
        <source>diverged at epoch {epoch}/{epochs}</source>
        <translation>epoch {epoch}/{epochs}에서 발산</translation>
    </message>
    <message>
        <source>diverged</source>
        <translation>발산</translation>
    </message>
    <message>
        <source>, validation accuracy {accuracy}</source>
        <translation>, validation 정확도 {accuracy}</translation>
    </message>
    <message>
        <source>Stopped after {epochs} epochs, {iterations} iterations{accuracy}.</source>
        <translation>epoch {epochs}번, iteration {iterations}번 후 정지{accuracy}.</translation>
    </message>
    <message>
        <source>Finished after {epochs} epochs, {iterations} iterations{accuracy}.</source>
        <translation>epoch {epochs}번, iteration {iterations}번 후 완료{accuracy}.</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>1 it/s</source>
        <translation>1 it/s</translation>
    </message>
    <message>
        <source>3 it/s</source>
        <translation>3 it/s</translation>
    </message>
    <message>
        <source>10 it/s</source>
        <translation>10 it/s</translation>
    </message>
    <message>
        <source>30 it/s</source>
        <translation>30 it/s</translation>
    </message>
    <message>
        <source>100 it/s</source>
        <translation>100 it/s</translation>
    </message>
    <message>
        <source>300 it/s</source>
        <translation>300 it/s</translation>
    </message>
    <message>
        <source>fastest</source>
        <translation>최고 속도</translation>
    </message>
    <message>
        <source>▶| Step</source>
        <translation>▶| Step</translation>
    </message>
    <message>
        <source>Run exactly one iteration, then pause</source>
        <translation>iteration을 딱 한 번 실행하고 멈춤</translation>
    </message>
    <message>
        <source>Open this iteration as graph</source>
        <translation>이 iteration을 graph로 열기</translation>
    </message>
    <message>
        <source>The last Step&apos;s real batch, weights and gradients on the canvas</source>
        <translation>마지막 Step의 실제 batch, weight, gradient를 canvas에 표시</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>모델</translation>
    </message>
    <message>
        <source>Save, load or export the trained network</source>
        <translation>훈련한 network 저장, 불러오기, 내보내기</translation>
    </message>
    <message>
        <source>Save Model…</source>
        <translation>모델 저장…</translation>
    </message>
    <message>
        <source>Load Model…</source>
        <translation>모델 불러오기…</translation>
    </message>
    <message>
        <source>Export as PyTorch…</source>
        <translation>PyTorch로 내보내기…</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>속도</translation>
    </message>
    <message>
        <source>Speed: iterations per second</source>
        <translation>속도: 초당 iteration 수</translation>
    </message>
    <message>
        <source>Scrub back through the epochs (no re-training)</source>
        <translation>epoch를 거슬러 살펴보기 (다시 훈련하지 않음)</translation>
    </message>
    <message>
        <source>History: live</source>
        <translation>기록: 실시간</translation>
    </message>
</context>
<context>
    <name>RunList</name>
    <message>
        <source>run</source>
        <translation>실행</translation>
    </message>
    <message>
        <source>config</source>
        <translation>설정</translation>
    </message>
    <message>
        <source>val loss</source>
        <translation>val loss</translation>
    </message>
    <message>
        <source>val acc</source>
        <translation>val acc</translation>
    </message>
    <message>
        <source>Select every run</source>
        <translation>모든 실행 선택</translation>
    </message>
</context>
<context>
    <name>StepCamera</name>
    <message>
        <source>&amp;Follow Step</source>
        <translation>step 따라가기(&amp;F)</translation>
    </message>
</context>
<context>
    <name>StepTags</name>
    <message>
        <source>max routes → {won}; {lost} gets 0</source>
        <translation>max gate는 {won}(으)로 보냄, {lost}은(는) 0을 받음</translation>
    </message>
</context>
<context>
    <name>StepText</name>
    <message>
        <source>Nothing to play yet: {notice}</source>
        <translation>아직 재생할 것이 없습니다: {notice}</translation>
    </message>
    <message>
        <source> (select it and tick “output node” in the inspector)</source>
        <translation> (그 node를 선택하고 inspector에서 “output node”를 체크하세요)</translation>
    </message>
</context>
<context>
    <name>TeachingActions</name>
    <message>
        <source>New E&amp;xercise…</source>
        <translation>새 연습 문제(&amp;X)…</translation>
    </message>
    <message>
        <source>Export &amp;Walk-through…</source>
        <translation>단계별 풀이 내보내기(&amp;W)…</translation>
    </message>
    <message>
        <source>Export Work&amp;sheet…</source>
        <translation>연습지 내보내기(&amp;S)…</translation>
    </message>
    <message>
        <source>Cannot make the exercise</source>
        <translation>연습 문제를 만들 수 없습니다</translation>
    </message>
    <message>
        <source>{title}: predict each value and gradient (Player ▸ Practice)</source>
        <translation>{title}: 각 value와 gradient를 예측해 보세요 (Player ▸ Practice)</translation>
    </message>
    <message>
        <source>Export Worksheet</source>
        <translation>연습지 내보내기</translation>
    </message>
    <message>
        <source>Export Walk-through</source>
        <translation>단계별 풀이 내보내기</translation>
    </message>
    <message>
        <source>Cannot export</source>
        <translation>내보낼 수 없습니다</translation>
    </message>
    <message>
        <source>Wrote {name}</source>
        <translation>{name}을(를) 썼습니다</translation>
    </message>
</context>
<context>
    <name>TensorPanel</name>
    <message>
        <source>vector of {n}, shown as one row: column j = entry j</source>
        <translation>길이 {n}의 vector, 한 행으로 표시: j열 = 원소 j</translation>
    </message>
    <message>
        <source>{shape}: row i = first index, column j = second index</source>
        <translation>{shape}: i행 = 첫 번째 index, j열 = 두 번째 index</translation>
    </message>
</context>
<context>
    <name>TimelineSlider</name>
    <message>
        <source>Timeline: forward steps (green) then backward steps (red)</source>
        <translation>timeline: forward step(초록) 다음 backward step(빨강)</translation>
    </message>
</context>
<context>
    <name>TrainingOptions</name>
    <message>
        <source>spiral</source>
        <translation>나선 (spiral)</translation>
    </message>
    <message>
        <source>xor</source>
        <translation>XOR</translation>
    </message>
    <message>
        <source>circles</source>
        <translation>동심원 (circles)</translation>
    </message>
    <message>
        <source>two gaussians</source>
        <translation>가우시안 두 개 (gaussians)</translation>
    </message>
    <message>
        <source>digits (8×8)</source>
        <translation>손글씨 숫자 (digits, 8×8)</translation>
    </message>
    <message>
        <source>line</source>
        <translation>직선 (line)</translation>
    </message>
    <message>
        <source>sine</source>
        <translation>사인 곡선 (sine)</translation>
    </message>
    <message>
        <source>plane</source>
        <translation>평면 (plane)</translation>
    </message>
    <message>
        <source>CIFAR-10 folder…</source>
        <translation>CIFAR-10 폴더…</translation>
    </message>
    <message>
        <source>.npz file…</source>
        <translation>.npz 파일…</translation>
    </message>
    <message>
        <source>classification</source>
        <translation>분류 (classification)</translation>
    </message>
    <message>
        <source>regression</source>
        <translation>회귀 (regression)</translation>
    </message>
    <message>
        <source>8x8 or 32x32x3</source>
        <translation>8x8 또는 32x32x3</translation>
    </message>
    <message>
        <source>How a row of an .npz file is an image (for the templates)</source>
        <translation>.npz 파일의 한 행을 어떤 이미지로 볼지 (template용)</translation>
    </message>
    <message>
        <source>folder or file</source>
        <translation>폴더 또는 파일</translation>
    </message>
    <message>
        <source>Choose the CIFAR-10 folder or .npz file</source>
        <translation>CIFAR-10 폴더나 .npz 파일 고르기</translation>
    </message>
    <message>
        <source>Hidden layer sizes, e.g. &quot;100,50&quot; (&quot;none&quot;: linear)</source>
        <translation>hidden layer 크기, 예: &quot;100,50&quot; (&quot;none&quot;: linear)</translation>
    </message>
    <message>
        <source>auto</source>
        <translation>자동</translation>
    </message>
    <message>
        <source>Data set</source>
        <translation>데이터셋</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>위치</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>task</translation>
    </message>
    <message>
        <source>Image shape</source>
        <translation>이미지 shape</translation>
    </message>
    <message>
        <source>Samples</source>
        <translation>sample 수</translation>
    </message>
    <message>
        <source>Noise</source>
        <translation>noise</translation>
    </message>
    <message>
        <source>Classes</source>
        <translation>class 수</translation>
    </message>
    <message>
        <source>Validation</source>
        <translation>validation</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>hidden</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>activation</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>Init</source>
        <translation>init</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>optimizer</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>learning rate</translation>
    </message>
    <message>
        <source>Weight decay</source>
        <translation>weight decay</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>batch</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>epoch 수</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>seed</translation>
    </message>
    <message>
        <source>CIFAR-10 batches folder</source>
        <translation>CIFAR-10 batch 폴더</translation>
    </message>
    <message>
        <source>NumPy arrays (*.npz)</source>
        <translation>NumPy array (*.npz)</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <source>Training</source>
        <translation>학습</translation>
    </message>
    <message>
        <source>The network as a graph: one training step on a small batch - step through it</source>
        <translation>network를 graph로: 작은 batch로 training step 한 번 - step별로 따라가 보세요</translation>
    </message>
    <message>
        <source>Paused.</source>
        <translation>일시 정지됨.</translation>
    </message>
    <message>
        <source>Choose the options and press Start.</source>
        <translation>옵션을 고르고 시작을 누르세요.</translation>
    </message>
    <message>
        <source>Loading the data…</source>
        <translation>데이터를 불러오는 중…</translation>
    </message>
    <message>
        <source>Training…</source>
        <translation>training 중…</translation>
    </message>
    <message>
        <source>Iteration {n} done; paused. Step again, or Resume.</source>
        <translation>iteration {n} 완료, 일시 정지. 다시 Step하거나 재개하세요.</translation>
    </message>
</context>
<context>
    <name>TrainingPlots</name>
    <message>
        <source>decision boundary of 2-D data sets&lt;br&gt;appears here</source>
        <translation>2차원 데이터셋의 decision boundary가&lt;br&gt;여기에 나타납니다</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Loss</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>loss</translation>
    </message>
    <message>
        <source>iteration</source>
        <translation>iteration</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>정확도</translation>
    </message>
    <message>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <source>Gradient norm per layer</source>
        <translation>layer별 gradient norm</translation>
    </message>
    <message>
        <source>norm</source>
        <translation>norm</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>decision boundary</translation>
    </message>
    <message>
        <source>batch</source>
        <translation>batch마다</translation>
    </message>
    <message>
        <source>smoothed</source>
        <translation>평활</translation>
    </message>
    <message>
        <source>validation</source>
        <translation>검증 (validation)</translation>
    </message>
    <message>
        <source>train</source>
        <translation>학습 (train)</translation>
    </message>
    <message>
        <source>Gradient norm</source>
        <translation>gradient norm</translation>
    </message>
    <message>
        <source>Network views</source>
        <translation>network 보기</translation>
    </message>
    <message>
        <source>layer {n}</source>
        <translation>{n}번째 layer</translation>
    </message>
    <message>
        <source>Decision boundary (2-D data sets only)</source>
        <translation>decision boundary (2차원 데이터셋만)</translation>
    </message>
</context>
<context>
    <name>TrainingWorker</name>
    <message>
        <source>not enough memory for this network and data set</source>
        <translation>이 network와 data set에 쓸 메모리가 부족합니다</translation>
    </message>
    <message>
        <source>training stopped by an internal error: {error}</source>
        <translation>내부 오류로 학습이 멈췄습니다: {error}</translation>
    </message>
</context>
<context>
    <name>ValueEditor</name>
    <message>
        <source>an empty field is not a number</source>
        <translation>빈 칸은 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>&quot;{text}&quot; is not a number</source>
        <translation>&quot;{text}&quot;은(는) 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>{number} is not a finite number</source>
        <translation>{number}은(는) 유한한 숫자가 아닙니다</translation>
    </message>
    <message>
        <source>{number} is too large (values lie within ±{limit})</source>
        <translation>{number}은(는) 너무 큽니다 (value는 ±{limit} 안에 있어야 합니다)</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>shape</translation>
    </message>
    <message>
        <source>vector of {n}</source>
        <translation>길이 {n}인 vector</translation>
    </message>
</context>
<context>
    <name>ViewActions</name>
    <message>
        <source>Zoom &amp;In</source>
        <translation>확대(&amp;I)</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>축소(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Fit</source>
        <translation>화면에 맞추기(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Reset Zoom</source>
        <translation>원래 크기(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>격자(&amp;G)</translation>
    </message>
    <message>
        <source>Show &amp;Values</source>
        <translation>value 보기(&amp;V)</translation>
    </message>
    <message>
        <source>Show G&amp;radients</source>
        <translation>gradient 보기(&amp;R)</translation>
    </message>
    <message>
        <source>Show Gate &amp;Explanations</source>
        <translation>gate 설명 보기(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Dark Theme</source>
        <translation>어두운 테마(&amp;D)</translation>
    </message>
</context>
<context>
    <name>ViewTabs</name>
    <message>
        <source>Prediction over the data</source>
        <translation>데이터 위의 모델 예측</translation>
    </message>
    <message>
        <source>fit</source>
        <translation>모델 예측 (fit)</translation>
    </message>
    <message>
        <source>Templates appear here for image data sets.</source>
        <translation>이미지 데이터셋이면 여기에 template이 나타납니다.</translation>
    </message>
    <message>
        <source>Boundary</source>
        <translation>경계</translation>
    </message>
    <message>
        <source>Decision boundary</source>
        <translation>decision boundary (결정 경계)</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>fit</translation>
    </message>
    <message>
        <source>Units</source>
        <translation>unit</translation>
    </message>
    <message>
        <source>Hidden units</source>
        <translation>hidden unit</translation>
    </message>
    <message>
        <source>Templates</source>
        <translation>template</translation>
    </message>
    <message>
        <source>Class templates (the rows of W)</source>
        <translation>class별 template (W의 행)</translation>
    </message>
    <message>
        <source>Linear map</source>
        <translation>linear map</translation>
    </message>
    <message>
        <source>The network as one linear map</source>
        <translation>하나의 linear map인 network</translation>
    </message>
    <message>
        <source>More tabs</source>
        <translation>다른 탭</translation>
    </message>
    <message>
        <source>The network has a non-linear activation between its layers, so it is not one linear map. Choose the linear activation (or no hidden layer) to see W = Wk…W1.</source>
        <translation>layer 사이에 non-linear activation이 있어서 이 network는 하나의 linear map이 아닙니다. linear activation을 고르면(또는 hidden layer 없이) W = Wk…W1을 볼 수 있습니다.</translation>
    </message>
    <message>
        <source>&lt;p&gt;(W has {n} entries; the Templates tab draws its rows.)&lt;/p&gt;</source>
        <translation>&lt;p&gt;(W의 원소는 {n}개입니다. template 탭에 W의 각 행이 그려집니다.)&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;One linear map.&lt;/b&gt; With no hidden layer, or only linear activations, f(x) = W x + b with W = Wk…W1 ({rows} × {cols}): the boundary stays straight.</source>
        <translation>&lt;b&gt;하나의 linear map.&lt;/b&gt; hidden layer가 없거나 linear activation만 있으면 f(x) = W x + b, W = Wk…W1 ({rows} × {cols}): boundary는 직선으로 남습니다.</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>there is not enough memory for it</source>
        <translation>메모리가 부족합니다</translation>
    </message>
    <message>
        <source>it is nested too deeply</source>
        <translation>중첩이 너무 깊습니다</translation>
    </message>
    <message>
        <source>The last action was not completed</source>
        <translation>마지막 동작을 끝내지 못했습니다</translation>
    </message>
</context>
</TS>
